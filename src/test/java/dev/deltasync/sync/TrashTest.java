package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrashTest {

    @TempDir
    Path root;

    @Test
    void keepsFilesUnderTimestampAndPathThenPrunesByAgeAndSize() throws Exception {
        Path trashDir = root.resolve(".deltasync/trash");
        MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
        Trash trash = new Trash(trashDir, 10, Duration.ofDays(30), clock);

        Path first = trash.keep(write("a/old.txt", "123456"), "a/old.txt");
        clock.now = Instant.parse("2024-01-20T00:00:00Z");
        Path second = trash.keep(write("b.txt", "abcdef"), "b.txt");
        clock.now = Instant.parse("2024-01-25T00:00:00Z");
        Path third = trash.keepCopy(write("c.txt", "xy"), "c.txt");

        assertThat(trashDir.relativize(first).toString()).isEqualTo("20240101-000000-000/a/old.txt");
        assertThat(root.resolve("c.txt")).exists();
        trash.prune(); // 14 bytes > 10: the oldest batch goes
        assertThat(batches(trashDir)).containsExactly("20240120-000000-000", "20240125-000000-000");

        clock.now = Instant.parse("2024-02-21T00:00:00Z"); // the January 20 batch is now older than 30 days
        trash.prune();
        assertThat(batches(trashDir)).containsExactly("20240125-000000-000");
        assertThat(second).doesNotExist();
        assertThat(Files.readString(third)).isEqualTo("xy");
    }

    private Path write(String path, String content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static java.util.List<String> batches(Path trashDir) throws Exception {
        try (Stream<Path> list = Files.list(trashDir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        public ZoneOffset getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId zone) { return this; }
        public Instant instant() { return now; }
    }
}
