package dev.deltasync.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import dev.deltasync.sync.AppliedChanges;
import dev.deltasync.sync.FileEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventGateTest {

    @TempDir
    Path folder;
    private final FakeClock clock = new FakeClock(42);

    @Test
    void dropsTheFoldersOwnMetadataButNotLookalikes() {
        EventGate gate = new EventGate(folder, clock);

        assertThat(gate.admits(".deltasync")).isFalse();
        assertThat(gate.admits(".deltasync/state.db")).isFalse();
        assertThat(gate.admits(".deltasync/tmp/a.part")).isFalse();
        assertThat(gate.admits(".deltasync2/a")).isTrue();
        assertThat(gate.admits("docs/.deltasync")).as("a nested folder's metadata is never synced either").isFalse();
    }

    @Test
    void rereadsTheIgnoreFileWhenAnEventNamesIt() throws Exception {
        EventGate gate = new EventGate(folder, clock);
        assertThat(gate.admits("movie.iso")).isTrue();

        Files.writeString(folder.resolve(".deltasyncignore"), "*.iso\n");

        assertThat(gate.admits(".deltasyncignore")).isTrue();
        assertThat(gate.admits("movie.iso")).isFalse();
        assertThat(gate.admits("x.swp")).isFalse();
    }

    @Test
    void dropsTheEchoOfOurOwnWriteUntilSomeoneChangesTheFile() throws Exception {
        AppliedChanges applied = new AppliedChanges(folder, java.time.Clock.systemUTC());
        Path file = folder.resolve("received.txt");
        Files.writeString(file, "ours");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
        applied.wrote(FileEntry.file("received.txt", 4, 1_700_000_000_000L, false, "ab".repeat(32)));
        EventGate gate = new EventGate(folder, clock, applied::isEcho);

        assertThat(gate.admits("received.txt")).as("our own write").isFalse();
        assertThat(gate.admits("other.txt")).as("a path we never wrote").isTrue();

        Files.writeString(file, "a user's edit");
        assertThat(gate.admits("received.txt")).as("changed since we wrote it").isTrue();
    }

    @Test
    void stampsEventsWithTheClockAndForwardSlashes() {
        EventGate gate = new EventGate(folder, clock);

        assertThat(gate.toRawEvent("MODIFY", "a\\b.txt")).isEqualTo(new RawEvent(RawEvent.Kind.MODIFY, "a/b.txt", 42));
        assertThatThrownBy(() -> gate.toRawEvent("OVERFLOW", "a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheTimeTheWatcherSawTheEventButNeverOneAheadOfItsClock() {
        EventGate gate = new EventGate(folder, clock);

        assertThat(gate.toRawEvent("CREATE", "a", 30)).isEqualTo(new RawEvent(RawEvent.Kind.CREATE, "a", 30));
        assertThat(gate.toRawEvent("CREATE", "a", 50)).isEqualTo(new RawEvent(RawEvent.Kind.CREATE, "a", 42));
    }
}
