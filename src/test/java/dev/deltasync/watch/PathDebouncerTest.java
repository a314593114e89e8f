package dev.deltasync.watch;

import static dev.deltasync.watch.RawEvent.Kind.CREATE;
import static dev.deltasync.watch.RawEvent.Kind.DELETE;
import static dev.deltasync.watch.RawEvent.Kind.MODIFY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deltasync.watch.ChangeIntent.Created;
import dev.deltasync.watch.ChangeIntent.Deleted;
import dev.deltasync.watch.ChangeIntent.DirCreated;
import dev.deltasync.watch.RawEvent.Kind;
import dev.deltasync.watch.SettleOutcome.Nothing;
import dev.deltasync.watch.SettleOutcome.Recheck;
import dev.deltasync.watch.SettleOutcome.Report;
import org.junit.jupiter.api.Test;

class PathDebouncerTest {

    private static final WatchSettings SETTINGS = new WatchSettings(100, 1000, 20, 100);

    private final FakeClock clock = new FakeClock(1_000_000);
    private final FakeFolder folder = new FakeFolder();
    private final PendingPaths pending = new PendingPaths();
    private final PathDebouncer debouncer = new PathDebouncer(SETTINGS, folder, clock, pending);

    @Test
    void createsModificationsAndDeletesWaitOneQuietPeriod() {
        folder.file("a", 1, 1);
        PathActivity created = debouncer.record(null, event(CREATE, "a"));
        PathActivity deleted = debouncer.record(null, event(DELETE, "b"));

        assertThat(debouncer.holdMillis(created)).isEqualTo(100);
        assertThat(debouncer.holdMillis(deleted)).isEqualTo(100);
        assertThat(pending.latestDeleteDue()).hasValue(clock.millis() + 100);
    }

    @Test
    void aDeletionAloneIsReportedAfterOneQuietPeriod() {
        PathActivity deleted = debouncer.record(null, event(DELETE, "b"));
        clock.advance(debouncer.holdMillis(deleted));

        assertThat(clock.millis() - deleted.firstEventAt()).isEqualTo(SETTINGS.quietMillis());
        assertThat(reported(debouncer.settle(deleted))).isEqualTo(new Deleted("b"));
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void aDeletionWaitsForAChangeThatBeganWithItButNeverLongerThanTwoQuietPeriods() {
        folder.file("new", 1, 1);
        PathActivity deleted = debouncer.record(null, event(DELETE, "old"));
        PathActivity created = debouncer.record(null, event(CREATE, "new"));
        folder.file("new", 2, 2); // still being written: it stays pending
        clock.advance(100);

        SettleOutcome first = debouncer.settle(deleted);
        assertThat(first).isInstanceOf(Recheck.class);
        deleted = debouncer.resume(null, ((Recheck) first).activity());
        assertThat(debouncer.holdMillis(deleted)).isEqualTo(PathDebouncer.AFTER_PARTNER_MILLIS); // "new" is due now
        created = ((Recheck) debouncer.settle(created)).activity();
        while (debouncer.settle(deleted) instanceof Recheck again) {
            deleted = debouncer.resume(null, again.activity());
            clock.advance(debouncer.holdMillis(deleted));
        }

        assertThat(clock.millis() - deleted.firstEventAt()).isEqualTo(SETTINGS.deleteHoldMillis());
        assertThat(pending.describe()).containsExactly("~ new");
    }

    @Test
    void aHeldDeletionIsLookedAtJustAfterItsRenamePartnerIsDueNotInShortPauses() {
        PathActivity deleted = debouncer.record(null, event(DELETE, "old"));
        clock.advance(60);
        folder.file("new", 3, 3);
        PathActivity created = debouncer.record(null, event(CREATE, "new"));
        clock.advance(40);

        deleted = debouncer.resume(null, ((Recheck) debouncer.settle(deleted)).activity());
        assertThat(debouncer.holdMillis(deleted)).isEqualTo(60 + PathDebouncer.AFTER_PARTNER_MILLIS);
        clock.advance(60);
        assertThat(reported(debouncer.settle(created))).isEqualTo(new Created("new"));
        clock.advance(PathDebouncer.AFTER_PARTNER_MILLIS);

        assertThat(reported(debouncer.settle(deleted))).isEqualTo(new Deleted("old"));
        assertThat(clock.millis() - created.last().atMillis())
                .isEqualTo(SETTINGS.quietMillis() + PathDebouncer.AFTER_PARTNER_MILLIS);
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void anRsyncSaveBurstIsReleasedOneQuietPeriodAfterItsLastFileEventThoughItsDirectoriesWereTouchedAfter() {
        BatchPolicy batches = new BatchPolicy(SETTINGS, pending, clock);
        folder.dir("d", 1).dir("e", 1).file("d/.x.Ab12", 10, 1);
        PathActivity tmp = debouncer.record(null, event(CREATE, "d/.x.Ab12"));
        tmp = debouncer.record(tmp, event(MODIFY, "d/.x.Ab12"));
        folder.remove("d/.x.Ab12").file("d/x", 10, 1); // rsync renames its temp file over the target (MOVED_TO)
        debouncer.record(tmp, event(DELETE, "d/.x.Ab12"));
        PathActivity target = debouncer.record(null, event(CREATE, "d/x"));
        clock.advance(30);
        folder.dir("d", 2).dir("e", 2); // then sets the times of the directories it went through
        PathActivity dir = debouncer.record(null, event(MODIFY, "d"));
        debouncer.record(null, event(MODIFY, "e"));
        folder.dir("d", 3); // and its times change again (rsync's second pass), so its own look finds it changed
        clock.advance(SETTINGS.quietMillis() - 30);

        SettleOutcome reported = debouncer.settle(target);
        ChangeBatchBuilder batch = batches.add(null, ((Report) reported).intent());

        assertThat(reported(reported)).isEqualTo(new Created("d/x"));
        assertThat(batches.shipNow(batch)).isTrue(); // at once, not a quiet period after the directories' events
        assertThat(debouncer.settle(dir)).isInstanceOf(Recheck.class);
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void aDirectoryOnlyModifiedCountsAgainOnceItIsDeleted() {
        folder.dir("d", 1);
        PathActivity dir = debouncer.record(null, event(MODIFY, "d"));
        assertThat(pending.isEmpty()).isTrue();
        folder.remove("d");
        dir = debouncer.record(dir, event(DELETE, "d"));

        assertThat(pending.describe()).containsExactly("- d");
        clock.advance(SETTINGS.quietMillis());
        assertThat(reported(debouncer.settle(dir))).isEqualTo(new Deleted("d"));
    }

    @Test
    void theDirectoryOfADeletionIsNoRenamePartnerThatHoldsItUp() {
        folder.dir("d", 2);
        PathActivity deleted = debouncer.record(null, event(DELETE, "d/f"));
        PathActivity dir = debouncer.record(null, event(MODIFY, "d"));
        clock.advance(100);

        assertThat(reported(debouncer.settle(deleted))).isEqualTo(new Deleted("d/f"));
        assertThat(debouncer.settle(dir)).isNotInstanceOf(Recheck.class);
    }

    /**
     * {@code rm -r old}: the entries' deletions first, the top's last; under load the top's may still wait in the watcher
     * library's queue when the entries' quiet periods run out. Before, the entries were reported then, alone, and the
     * batch (nothing else pending) left without the rest of the removal.
     */
    @Test
    void aDeletionInARemovedTreeWaitsUntilTheTopOfTheTreeReachedTheDebounceStage() {
        BatchPolicy batches = new BatchPolicy(SETTINGS, pending, clock);
        PathActivity entry = debouncer.record(null, event(DELETE, "old/tree/f1"));
        clock.advance(SETTINGS.quietMillis());

        SettleOutcome early = debouncer.settle(entry);
        assertThat(early).isInstanceOf(Recheck.class);
        entry = debouncer.resume(null, ((Recheck) early).activity());
        assertThat(debouncer.holdMillis(entry)).isEqualTo(SETTINGS.probeMillis());
        assertThat(pending.describe()).containsExactly("- old/tree/f1");

        PathActivity top = debouncer.record(null, event(DELETE, "old"));
        clock.advance(SETTINGS.probeMillis());
        ChangeBatchBuilder batch = batches.add(null, reported(debouncer.settle(entry)));
        assertThat(batches.shipNow(batch)).isFalse(); // the top is pending: the batch waits for it
        clock.advance(debouncer.holdMillis(top));
        batch = batches.add(batch, reported(debouncer.settle(top)));

        assertThat(batches.shipNow(batch)).isTrue();
        assertThat(batches.build(batch).changedPaths()).containsExactlyInAnyOrder("old", "old/tree/f1");
    }

    @Test
    void aDeletionInARemovedTreeWhoseTopNeverComesIsReportedAfterTheRemovalHold() {
        PathActivity entry = debouncer.record(null, event(DELETE, "gone/f"));
        clock.advance(SETTINGS.quietMillis());

        while (debouncer.settle(entry) instanceof Recheck again) {
            entry = debouncer.resume(null, again.activity());
            clock.advance(debouncer.holdMillis(entry));
        }

        assertThat(clock.millis() - entry.firstEventAt()).isEqualTo(SETTINGS.removalHoldMillis());
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void aDeletionInARemovedTreeWhoseTopCameFirstIsNotHeld() {
        debouncer.record(null, event(DELETE, "old"));
        PathActivity entry = debouncer.record(null, event(DELETE, "old/f"));
        clock.advance(SETTINGS.quietMillis());

        assertThat(reported(debouncer.settle(entry))).isEqualTo(new Deleted("old/f"));
    }

    @Test
    void aChangeThatWasAlreadyGoingOnBeforeTheDeletionDoesNotHoldItUp() {
        folder.file("log", 1, 1);
        debouncer.record(null, event(MODIFY, "log"));
        clock.advance(250);
        folder.file("log", 2, 2);
        PathActivity deleted = debouncer.record(null, event(DELETE, "b"));
        clock.advance(100);

        assertThat(reported(debouncer.settle(deleted))).isEqualTo(new Deleted("b"));
    }

    @Test
    void aFileThatStayedAsAtItsLastEventIsReportedAndNoLongerPending() {
        folder.file("a", 5, 7);
        PathActivity activity = debouncer.record(null, event(CREATE, "a"));
        activity = debouncer.record(activity, event(MODIFY, "a"));
        clock.advance(100);

        assertThat(reported(debouncer.settle(activity))).isEqualTo(new Created("a"));
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void aFileStillGrowingIsPutBackWithWhatWasSeenAndReportedOnceItStops() {
        folder.file("big", 1 << 20, 1);
        PathActivity activity = debouncer.record(null, event(CREATE, "big"));
        folder.file("big", 2 << 20, 2);
        clock.advance(100);

        SettleOutcome first = debouncer.settle(activity);

        assertThat(first).isInstanceOf(Recheck.class);
        PathActivity again = debouncer.resume(null, ((Recheck) first).activity());
        assertThat(again.lastSeen()).isEqualTo(FileSnapshot.file(2 << 20, 2));
        assertThat(pending.isEmpty()).isFalse();
        clock.advance(100);
        assertThat(reported(debouncer.settle(again))).isEqualTo(new Created("big"));
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void eventsThatArriveDuringARecheckFollowTheRecheckedActivity() {
        folder.file("a", 1, 1);
        PathActivity first = debouncer.record(null, event(CREATE, "a"));
        folder.file("a", 2, 2);
        clock.advance(100);
        PathActivity rechecked = ((Recheck) debouncer.settle(first)).activity();
        clock.advance(5);
        PathActivity meanwhile = debouncer.record(null, event(MODIFY, "a"));

        PathActivity merged = debouncer.resume(meanwhile, rechecked);

        assertThat(merged.events()).extracting(RawEvent::kind).containsExactly(CREATE, MODIFY);
        assertThat(merged.firstEventAt()).isEqualTo(first.firstEventAt());
        clock.advance(100);
        assertThat(reported(debouncer.settle(merged))).isEqualTo(new Created("a"));
    }

    @Test
    void aTempFileThatCameAndWentIsNothingAndNoLongerPending() {
        PathActivity tmp = debouncer.record(null, event(CREATE, "x.tmp"));
        tmp = debouncer.record(tmp, event(DELETE, "x.tmp"));
        clock.advance(200);

        assertThat(debouncer.settle(tmp)).isEqualTo(new Nothing("x.tmp"));
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void anAtomicSavesTempFileHoldsUpNeitherTheBatchNorItsTarget() {
        folder.file(".x.Ab12", 10, 1).file("x", 4, 1);
        PathActivity target = debouncer.record(null, event(MODIFY, "x"));
        PathActivity tmp = debouncer.record(null, event(CREATE, ".x.Ab12"));
        tmp = debouncer.record(tmp, event(MODIFY, ".x.Ab12"));
        folder.remove(".x.Ab12").file("x", 10, 2); // renamed over x
        tmp = debouncer.record(tmp, event(DELETE, ".x.Ab12"));
        target = debouncer.record(target, event(MODIFY, "x"));

        assertThat(debouncer.holdMillis(tmp)).isEqualTo(100);
        assertThat(pending.size()).isEqualTo(1);
        assertThat(pending.latestDeleteDue()).isEmpty();
        clock.advance(100);
        assertThat(reported(debouncer.settle(target))).isEqualTo(new ChangeIntent.Modified("x"));
        assertThat(pending.isEmpty()).isTrue(); // the batch ships at once, not after the temp file's delete hold
        assertThat(debouncer.settle(tmp)).isEqualTo(new Nothing(".x.Ab12"));
    }

    @Test
    void aTempFileThatComesBackIsPendingAgainAndReportedAsCreated() {
        PathActivity tmp = debouncer.record(null, event(CREATE, "t"));
        tmp = debouncer.record(tmp, event(DELETE, "t"));
        assertThat(pending.isEmpty()).isTrue();
        folder.file("t", 3, 3);
        tmp = debouncer.record(tmp, event(CREATE, "t"));

        assertThat(pending.isEmpty()).isFalse();
        clock.advance(100);
        assertThat(reported(debouncer.settle(tmp))).isEqualTo(new Created("t"));
    }

    @Test
    void pastTheMaxDelayABusyPathNeedsOnlyAShortPauseAndARecheckStartsANewWindow() {
        folder.file("log", 1, 1);
        PathActivity activity = debouncer.record(null, event(CREATE, "log"));
        for (int i = 0; i < 9; i++) {
            clock.advance(99);
            folder.file("log", 2 + i, 2 + i);
            activity = debouncer.record(activity, event(MODIFY, "log"));
        }
        assertThat(debouncer.holdMillis(activity)).isEqualTo(100);
        clock.advance(40);
        assertThat(debouncer.holdMillis(activity)).as("60 ms of the quiet period left, overdue in 69").isEqualTo(60);
        clock.advance(20);
        folder.file("log", 20, 20);
        activity = debouncer.record(activity, event(MODIFY, "log"));
        assertThat(debouncer.holdMillis(activity)).as("overdue in 49, before a new quiet period ends").isEqualTo(49);
        clock.advance(100);
        assertThat(debouncer.holdMillis(activity)).isEqualTo(SETTINGS.probeMillis());

        folder.file("log", 99, 99);
        PathActivity rechecked = ((Recheck) debouncer.settle(activity)).activity();
        assertThat(debouncer.holdMillis(rechecked)).isEqualTo(100);
    }

    @Test
    void anEventThatWaitedAtIntakeShortensItsQuietPeriodButSettlednessIsStillMeasured() {
        folder.file("a", 1, 1);
        PathActivity late = debouncer.record(null, new RawEvent(CREATE, "a", clock.millis() - 60));
        PathActivity veryLate = debouncer.record(null, new RawEvent(CREATE, "b", clock.millis() - 500));

        assertThat(debouncer.holdMillis(late)).as("the quiet period counts from when the watcher saw it").isEqualTo(40);
        assertThat(pending.latestPartnerDue("x", 0, Long.MAX_VALUE)).as("pending until then").hasValue(clock.millis() + 40);
        assertThat(debouncer.holdMillis(veryLate)).isEqualTo(SETTINGS.probeMillis());

        folder.file("a", 2, 2);
        clock.advance(40);
        PathActivity rechecked = ((Recheck) debouncer.settle(late)).activity();
        assertThat(debouncer.holdMillis(rechecked)).as("a re-check waits a whole quiet period").isEqualTo(100);
    }

    @Test
    void aNewDirectoryWaitsForEntriesBeingWrittenInsideItButNotPastTheMaxDelay() {
        folder.dir("d", 1).file("d/f", 1, 1);
        PathActivity dir = debouncer.record(null, event(CREATE, "d"));
        PathActivity file = debouncer.record(null, event(CREATE, "d/f"));
        clock.advance(100);

        assertThat(debouncer.settle(dir)).isInstanceOf(Recheck.class);
        clock.advance(1000);
        assertThat(reported(debouncer.settle(dir))).isEqualTo(new DirCreated("d"));
        assertThat(pending.isEmpty()).isFalse();
        assertThat(reported(debouncer.settle(file))).isEqualTo(new Created("d/f"));
        assertThat(pending.isEmpty()).isTrue();
    }

    private RawEvent event(Kind kind, String path) {
        return new RawEvent(kind, path, clock.millis());
    }

    /** The change a settled path reports (its ticket aside). */
    private static ChangeIntent reported(SettleOutcome outcome) {
        assertThat(outcome).isInstanceOf(Report.class);
        return ((Report) outcome).intent();
    }
}
