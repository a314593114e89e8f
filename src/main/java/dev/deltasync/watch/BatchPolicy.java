package dev.deltasync.watch;

import java.time.Clock;

/**
 * The batch stage: gathers settled paths into one {@link ChangeBatch}. A batch ships at once when
 * no other path is pending in the debounce stage; otherwise it stays open for the batch window after
 * the latest arrival, stretched while a delete is held so that a rename's two halves and a removed tree travel together,
 * but never beyond {@link WatchSettings#batchMaxAgeMillis()}.
 */
public final class BatchPolicy {

    private final WatchSettings settings;
    private final PendingPaths pending;
    private final Clock clock;

    public BatchPolicy(WatchSettings settings, PendingPaths pending, Clock clock) {
        this.settings = settings;
        this.pending = pending;
        this.clock = clock;
    }

    public ChangeBatchBuilder add(ChangeBatchBuilder current, ChangeIntent intent) {
        ChangeBatchBuilder batch = current == null ? new ChangeBatchBuilder(clock.millis()) : current;
        return batch.add(intent);
    }

    public boolean shipNow(ChangeBatchBuilder batch) {
        return pending.isEmpty() || clock.millis() - batch.startedAt() >= settings.batchMaxAgeMillis();
    }

    /**
     * Inactivity timeout of the open batch, measured from the latest arrival. While a deletion is held it lasts until a
     * quiet period past the deletion's due time: the debounce stage's timeout checker runs late under load, and a
     * removed tree's last deletions, due but not yet looked at, would otherwise leave in a second batch. When they
     * arrive and nothing else is pending the batch ships at once ({@link #shipNow}), so the margin costs nothing then.
     */
    public long windowMillis() {
        long window = settings.batchWindowMillis();
        java.util.OptionalLong deletesDue = pending.latestDeleteDue();
        if (deletesDue.isEmpty()) {
            return window;
        }
        long untilDeletesDue = deletesDue.getAsLong() - clock.millis();
        long margin = Math.max(window, settings.quietMillis());
        return Math.min(Math.max(window, untilDeletesDue + margin), settings.batchMaxAgeMillis());
    }

    public ChangeBatch build(ChangeBatchBuilder batch) {
        return batch.build(settings.dirEventLimit());
    }
}
