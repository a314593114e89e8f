package dev.deltasync.watch;

/** What the debounce stage decides about a path whose quiet period ran out. */
public sealed interface SettleOutcome {

    /** Settled: report this change. */
    record Report(ChangeIntent intent) implements SettleOutcome { }

    /** Still changing: wait another quiet period. */
    record Recheck(PathActivity activity) implements SettleOutcome { }

    /** Settled into nothing worth reporting (a temp file that came and went, a directory touched). */
    record Nothing(String path) implements SettleOutcome { }
}
