package dev.deltasync.watch;

import java.time.Clock;

/**
 * The batch stage: gathers settled paths into one {@link ChangeBatch}. A batch ships at once when
 * no other path is pending in the debounce stage; otherwise it stays open for the batch window after
 * the latest arrival, stretched while a delete is held so that a rename's two halves travel together,
 * but never beyond {@link WatchSettings#batchMaxAgeMillis()}. A batch whose window ran out while a deletion the
 * debounce stage holds is already due goes round again ({@link #holdBack}).
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

    /**
     * Whether a batch whose window ran out ({@code completedBy} "timeout", as Camel's aggregator says) should go round
     * again instead of leaving: a deletion the debounce stage holds is already due, so that stage is behind (its
     * timeout checker runs late under load) and the deletion, a rename's other half or the rest of a removed tree, is
     * about to arrive. Never past {@link WatchSettings#batchMaxAgeMillis()}.
     */
    public boolean holdBack(ChangeBatchBuilder batch, String completedBy) {
        long now = clock.millis();
        return "timeout".equals(completedBy) && now - batch.startedAt() < settings.batchMaxAgeMillis()
                && pending.earliestDeleteDue().stream().anyMatch(due -> due <= now);
    }

    /** A batch that went round again ({@link #holdBack}) meets the one that opened meanwhile, if any. */
    public ChangeBatchBuilder merge(ChangeBatchBuilder current, ChangeBatchBuilder heldBack) {
        return current == null ? heldBack : heldBack.addAll(current);
    }

    public ChangeBatch build(ChangeBatchBuilder batch) {
        return batch.build(settings.dirEventLimit());
    }
}
