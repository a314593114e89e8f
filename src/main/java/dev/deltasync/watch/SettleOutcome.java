package dev.deltasync.watch;

/** What the debounce stage decides about a path whose quiet period ran out. */
public sealed interface SettleOutcome {

    /**
     * Settled: report this change. {@code ticket} ({@link PendingPaths#settled}) follows it through the batch stage
     * (0: not tracked).
     */
    record Report(ChangeIntent intent, long ticket) implements SettleOutcome { }

    /** Still changing: wait another quiet period. */
    record Recheck(PathActivity activity) implements SettleOutcome { }

    /** Settled into nothing worth reporting (a temp file that came and went, a directory touched). */
    record Nothing(String path) implements SettleOutcome { }
}
