package dev.deltasync.watch;

import static dev.deltasync.watch.RawEvent.Kind.CREATE;
import static dev.deltasync.watch.RawEvent.Kind.DELETE;
import static dev.deltasync.watch.RawEvent.Kind.MODIFY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deltasync.watch.ChangeIntent.Created;
import dev.deltasync.watch.ChangeIntent.Modified;
import dev.deltasync.watch.SettleOutcome.Recheck;
import dev.deltasync.watch.SettleOutcome.Report;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchPolicyTest {

    private static final WatchSettings SETTINGS = new WatchSettings(100, 1000, 20, 100);

    private final FakeClock clock = new FakeClock(5_000);
    private final FakeFolder folder = new FakeFolder();
    private final PendingPaths pending = new PendingPaths();
    private final PathDebouncer debouncer = new PathDebouncer(SETTINGS, folder, clock, pending);
    private final BatchPolicy policy = new BatchPolicy(SETTINGS, pending, clock);

    @Test
    void shipsAtOnceWhenNothingElseIsPending() {
        ChangeBatchBuilder batch = policy.add(null, new Modified("a"));

        assertThat(policy.shipNow(batch)).isTrue();
        assertThat(policy.windowMillis()).isEqualTo(20);
    }

    @Test
    void staysOpenWhileOtherPathsArePendingUntilTheMaxAge() {
        folder.file("later", 1, 1);
        debouncer.record(null, new RawEvent(CREATE, "later", clock.millis()));
        ChangeBatchBuilder batch = policy.add(null, new Modified("a"));

        assertThat(policy.shipNow(batch)).isFalse();
        clock.advance(SETTINGS.batchMaxAgeMillis());
        assertThat(policy.shipNow(policy.add(batch, new Modified("b")))).isTrue();
    }

    @Test
    void bothHalvesOfARenameLandInTheSameBatchAfterAboutOneQuietPeriod() {
        folder.file("new", 3, 3);
        PathActivity gone = debouncer.record(null, new RawEvent(DELETE, "old", clock.millis()));
        PathActivity made = debouncer.record(null, new RawEvent(CREATE, "new", clock.millis()));
        clock.advance(SETTINGS.quietMillis());

        // the delete's quiet period ends first while the create half is still pending: it waits until just after it
        gone = debouncer.resume(null, ((Recheck) debouncer.settle(gone)).activity());
        ChangeBatchBuilder batch = policy.add(null, ((Report) debouncer.settle(made)).intent());
        assertThat(policy.shipNow(batch)).isFalse();
        long window = policy.windowMillis();
        assertThat(window).isEqualTo(PathDebouncer.AFTER_PARTNER_MILLIS + SETTINGS.batchWindowMillis());

        clock.advance(debouncer.holdMillis(gone));
        assertThat(window).isGreaterThan(clock.millis() - batch.startedAt());
        batch = policy.add(batch, ((Report) debouncer.settle(gone)).intent());
        assertThat(policy.shipNow(batch)).isTrue();
        assertThat(policy.build(batch)).isEqualTo(new ChangeBatch(Set.of("old", "new"), Set.of(), false));
        assertThat(clock.millis() - gone.firstEventAt()).isLessThan(SETTINGS.deleteHoldMillis());
    }

    @Test
    void aDeletionAndAnEditOfAnotherFileShipTogetherAfterOneQuietPeriod() {
        folder.file("edited", 3, 3);
        PathActivity gone = debouncer.record(null, new RawEvent(DELETE, "gone", clock.millis()));
        PathActivity edited = debouncer.record(null, new RawEvent(MODIFY, "edited", clock.millis()));
        long start = clock.millis();
        clock.advance(Math.max(debouncer.holdMillis(gone), debouncer.holdMillis(edited)));

        // an edit of a file that was there cannot be a rename's other half: the deletion does not wait for it
        ChangeBatchBuilder batch = policy.add(null, ((Report) debouncer.settle(gone)).intent());
        assertThat(policy.shipNow(batch)).isFalse();
        batch = policy.add(batch, ((Report) debouncer.settle(edited)).intent());

        assertThat(policy.shipNow(batch)).isTrue();
        assertThat(policy.build(batch)).isEqualTo(new ChangeBatch(Set.of("gone", "edited"), Set.of(), false));
        assertThat(clock.millis() - start).isEqualTo(SETTINGS.quietMillis());
    }

    /**
     * The debounce stage settles a held deletion when its own timeout checker gets to it, which under load comes late
     * (over a second at load ~14): a batch whose window runs out while the deletion is already due goes round again
     * instead of leaving without it (before, it left, and the rest of a removed tree followed in a second batch).
     */
    @Test
    void aBatchWhoseWindowRanOutWhileAHeldDeletionIsDueGoesRoundAgain() {
        PathActivity gone = debouncer.record(null, new RawEvent(DELETE, "gone", clock.millis()));
        ChangeBatchBuilder batch = policy.add(null, new Modified("a"));
        clock.advance(policy.windowMillis());
        assertThat(clock.millis()).isGreaterThanOrEqualTo(pending.earliestDeleteDue().orElseThrow());

        assertThat(policy.holdBack(batch, "timeout")).isTrue();
        assertThat(policy.holdBack(batch, "predicate")).isFalse();
        assertThat(policy.holdBack(batch, "size")).isFalse();
        ChangeBatchBuilder reopened = policy.add(null, new Modified("b"));
        batch = policy.merge(reopened, batch);
        batch = policy.add(batch, ((Report) debouncer.settle(gone)).intent());
        assertThat(policy.shipNow(batch)).isTrue();
        assertThat(policy.build(batch)).isEqualTo(new ChangeBatch(Set.of("a", "b", "gone"), Set.of(), false));
    }

    @Test
    void aBatchIsNotHeldBackForADeletionNotYetDueNorPastTheMaxAge() {
        debouncer.record(null, new RawEvent(DELETE, "gone", clock.millis()));
        ChangeBatchBuilder batch = policy.add(null, new Modified("a"));

        assertThat(policy.holdBack(batch, "timeout")).isFalse(); // not due yet: the debounce stage is not behind
        clock.advance(SETTINGS.batchMaxAgeMillis());
        assertThat(policy.holdBack(batch, "timeout")).isFalse();
    }

    @Test
    void theStretchedWindowNeverExceedsTheMaxAge() {
        WatchSettings tight = new WatchSettings(100, 100, 20, 100);
        PendingPaths held = new PendingPaths();
        held.hold("gone", 0, clock.millis() + 10_000, true);

        assertThat(new BatchPolicy(tight, held, clock).windowMillis()).isEqualTo(tight.batchMaxAgeMillis());
    }

    @Test
    void buildsWithTheDirectoryLimitOfTheSettings() {
        ChangeBatchBuilder batch = null;
        for (int i = 0; i <= SETTINGS.dirEventLimit(); i++) {
            batch = policy.add(batch, new Created("d/f" + i));
        }

        assertThat(policy.build(batch)).isEqualTo(new ChangeBatch(Set.of(), Set.of("d"), false));
    }
}
