package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Echoes of our own writes are recognised; anything changed after them is genuine. */
class AppliedChangesTest {

    @TempDir
    Path root;

    @Test
    void ourOwnWriteIsAnEchoUntilSomeoneChangesTheFile() throws Exception {
        AppliedChanges applied = new AppliedChanges(root, Clock.systemUTC());
        Path file = Files.writeString(root.resolve("a.txt"), "ours");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
        applied.wrote(FileEntry.file("a.txt", 4, 1_700_000_000_000L, false, "h"));

        assertThat(applied.genuine(List.of("a.txt", "b.txt"))).containsExactly("b.txt");

        Files.writeString(file, "theirs now");
        assertThat(applied.genuine(List.of("a.txt"))).containsExactly("a.txt");
    }

    @Test
    void aRemovalIsAnEchoWhileThePathStaysAbsent() throws Exception {
        AppliedChanges applied = new AppliedChanges(root, Clock.systemUTC());
        applied.removed("gone.txt");
        assertThat(applied.genuine(List.of("gone.txt"))).isEmpty();

        Files.writeString(root.resolve("gone.txt"), "recreated by someone");
        assertThat(applied.genuine(List.of("gone.txt"))).containsExactly("gone.txt");
    }

    @Test
    void aDirectoryWeMadeIsAnEchoWhileItIsADirectory() throws Exception {
        AppliedChanges applied = new AppliedChanges(root, Clock.systemUTC());
        Files.createDirectories(root.resolve("d"));
        applied.wrote(FileEntry.dir("d", 0));
        assertThat(applied.genuine(List.of("d"))).isEmpty();
    }
}
