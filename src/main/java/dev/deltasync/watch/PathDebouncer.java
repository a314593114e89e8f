package dev.deltasync.watch;

import dev.deltasync.watch.SettleOutcome.Nothing;
import dev.deltasync.watch.SettleOutcome.Recheck;
import dev.deltasync.watch.SettleOutcome.Report;
import java.time.Clock;

/**
 * The per-path debounce stage: folds each path's raw events into a {@link PathActivity}, says how
 * long it must stay quiet, and decides at the end of the quiet period whether it settled. Keeps
 * {@link PendingPaths} up to date for the batch stage.
 * <p>
 * The max delay shortens the required silence instead of forcing a completion: a completion
 * forced when an event arrives could not measure any quiescence, and would ship a file in the
 * middle of a long copy. Past the max delay a busy path ships at its first pause of
 * {@link WatchSettings#probeMillis()}.
 */
public final class PathDebouncer {

    /**
     * A held deletion is looked at this long after its rename partner is due: the aggregator's timeout checker evicts
     * what expired in order of expiry, so the partner is settled first, usually in the same sweep.
     */
    static final long AFTER_PARTNER_MILLIS = 10;

    private final WatchSettings settings;
    private final FileProbe probe;
    private final Clock clock;
    private final PendingPaths pending;
    private final ChangeClassifier classifier;
    private final Settledness settledness;
    private final RemovedTrees removedTrees;

    public PathDebouncer(WatchSettings settings, FileProbe probe, Clock clock, PendingPaths pending) {
        this.settings = settings;
        this.probe = probe;
        this.clock = clock;
        this.pending = pending;
        this.classifier = new ChangeClassifier(probe);
        this.removedTrees = new RemovedTrees(probe, pending, settings);
        this.settledness = new Settledness(pending, settings, removedTrees);
    }

    /** Adds a raw event to the path's activity ({@code current} is null for the first one). */
    public PathActivity record(PathActivity current, RawEvent event) {
        FileSnapshot seen = probe.probe(event.relPath());
        if (event.kind() == RawEvent.Kind.DELETE) {
            pending.deletionSeen(event.relPath(), event.atMillis());
        }
        return held(current == null ? PathActivity.start(event, seen) : current.with(event, seen));
    }

    /** Takes back an activity sent for another quiet period; events that arrived meanwhile come after it. */
    public PathActivity resume(PathActivity current, PathActivity rechecked) {
        return held(current == null ? rechecked : rechecked.followedBy(current));
    }

    /**
     * How long the path must now stay silent: what is left of a quiet period since its latest event (at least
     * {@link WatchSettings#probeMillis()}, so that settledness is still measured when the event waited long at intake),
     * less once overdue. A deletion back after its quiet
     * period because a possible rename partner is still pending is looked at again just after the partner is due
     * (a short pause if none is pending any more), never later than {@link WatchSettings#deleteHoldMillis()} after it;
     * one in a removed tree whose top's deletion has not come yet is looked at again after short pauses.
     */
    public long holdMillis(PathActivity activity) {
        long nowMillis = clock.millis();
        long sinceDelete = nowMillis - activity.last().atMillis();
        if (activity.endsWithDelete() && !activity.cameAndWent() && sinceDelete >= settings.quietMillis()) {
            if (removedTrees.awaitsTop(activity, probe.probe(activity.path()), nowMillis)) {
                return Math.max(1, Math.min(settings.probeMillis(), settings.removalHoldMillis() - sinceDelete));
            }
            long untilPartners = pending.latestPartnerDue(activity.path(), activity.firstEventAt() - settings.quietMillis(),
                    activity.last().atMillis() + settings.quietMillis())
                    .stream().map(due -> due - nowMillis + AFTER_PARTNER_MILLIS).findFirst()
                    .orElse(settings.probeMillis());
            return Math.max(1, Math.min(untilPartners, settings.deleteHoldMillis() - sinceDelete));
        }
        // the silence counts from when the watcher saw the latest event (or from the last re-check), so time the
        // event spent queued before our route took it does not lengthen the quiet period
        long quietSince = Math.max(activity.last().atMillis(), activity.windowStart());
        long untilQuiet = quietSince + settings.quietMillis() - nowMillis;
        long untilOverdue = activity.windowStart() + settings.maxDelayMillis() - nowMillis;
        return Math.max(settings.probeMillis(), Math.min(untilQuiet, untilOverdue));
    }

    public SettleOutcome settle(PathActivity activity) {
        FileSnapshot now = probe.probe(activity.path());
        long nowMillis = clock.millis();
        if (!settledness.isSettled(activity, now, nowMillis)) {
            return new Recheck(held(activity.recheckedAt(nowMillis, now)));
        }
        java.util.Optional<ChangeIntent> change = classifier.classify(activity, now);
        if (change.isEmpty()) {
            pending.release(activity.path(), activity.firstEventAt());
            return new Nothing(activity.path());
        }
        return new Report(change.get(), pending.settled(activity.path(), activity.firstEventAt()));
    }

    /**
     * Keeps the path pending until it is looked at; but a file that came and went (an atomic save's temp file renamed
     * over its target) or a directory only modified can only come to nothing unless another event comes, which makes
     * it count again: it holds up no batch.
     */
    private PathActivity held(PathActivity activity) {
        if (activity.comesToNothing()) {
            pending.release(activity.path(), activity.firstEventAt());
        } else {
            pending.hold(activity.path(), activity.firstEventAt(), clock.millis() + holdMillis(activity),
                    activity.endsWithDelete(), activity.hasCreate());
        }
        return activity;
    }
}
