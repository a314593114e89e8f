package dev.deltasync.watch;

import java.time.Clock;

/**
 * The batch stage: gathers settled paths into one {@link ChangeBatch}. A batch ships at once when
 * no other path is pending in the debounce stage; otherwise it stays open for the batch window after
 * the latest arrival, stretched while a delete is held so that a rename's two halves travel together,
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

    /** Inactivity timeout of the open batch, measured from the latest arrival. */
    public long windowMillis() {
        long window = settings.batchWindowMillis();
        long untilDeletesDue = pending.latestDeleteDue().stream().map(due -> due - clock.millis()).findFirst().orElse(0);
        return Math.min(Math.max(window, untilDeletesDue + window), settings.batchMaxAgeMillis());
    }

    public ChangeBatch build(ChangeBatchBuilder batch) {
        return batch.build(settings.dirEventLimit());
    }
}
