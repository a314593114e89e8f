package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedScanTest {

    private static final int DIRS = 20;
    private static final int FILES_PER_DIR = 100;
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_600_000_000_000L);

    @TempDir
    Path root;

    private final Set<String> unreadable = new java.util.concurrent.CopyOnWriteArraySet<>();
    private FolderScanner scanner;
    private WatchedScan watched;

    @BeforeEach
    void folderOf2000Files() throws IOException {
        for (int d = 0; d < DIRS; d++) {
            Path dir = Files.createDirectories(root.resolve("d" + d));
            for (int f = 0; f < FILES_PER_DIR; f++) {
                Path file = Files.writeString(dir.resolve("f" + f + ".txt"), "file " + d + "/" + f);
                Files.setLastModifiedTime(file, LONG_AGO);
            }
        }
        FolderScanner.Hasher hasher = file -> {
            if (unreadable.contains(root.relativize(file).toString())) {
                throw new AccessDeniedException(file.toString());
            }
            return ContentHash.of(file);
        };
        scanner = new FolderScanner(root, IgnoreRules.of(List.of()), new MemoryCache(), Clock.systemUTC(), hasher);
        watched = new WatchedScan(scanner, root);
    }

    @Test
    void withoutAWatcherEveryScanWalksTheWholeFolder() throws IOException {
        watched.scan();
        long before = scanner.entriesLookedAt();

        watched.changed("d3/f7.txt");
        watched.scan();

        assertThat(scanner.entriesLookedAt() - before).isGreaterThanOrEqualTo(DIRS * FILES_PER_DIR);
    }

    @Test
    void scansSayWhichPathsTheyLookedAtSinceAnEarlierScanUntilOneWalksTheWholeFolder() throws IOException {
        watched.rescanAll();
        long walked = watched.numberedScan().number();
        Files.writeString(root.resolve("d3/f7.txt"), "edited");
        Files.delete(root.resolve("d4/f1.txt"));
        watched.changed(List.of("d3/f7.txt", "d4/f1.txt"));
        long second = watched.numberedScan().number();
        Files.writeString(root.resolve("d5/new.txt"), "new");
        watched.changed("d5/new.txt");
        long third = watched.numberedScan().number();

        assertThat(watched.changedBetween(walked, second)).hasValueSatisfying(paths ->
                assertThat(paths).contains("d3/f7.txt", "d4/f1.txt").doesNotContain("d5/new.txt").hasSizeLessThan(6));
        assertThat(watched.changedBetween(second, third)).hasValueSatisfying(paths ->
                assertThat(paths).contains("d5/new.txt").doesNotContain("d3/f7.txt"));
        assertThat(watched.changedBetween(walked, third)).hasValueSatisfying(paths ->
                assertThat(paths).contains("d3/f7.txt", "d4/f1.txt", "d5/new.txt"));
        assertThat(watched.changedBetween(walked - 1, third)).as("from before the walk").isEmpty();

        watched.rescanAll();
        long walkedAgain = watched.numberedScan().number();
        assertThat(watched.changedBetween(third, walkedAgain)).as("a whole walk in between").isEmpty();
    }

    @Test
    void onceWatchedAScanAfterOneEditLooksAtThatFileAndItsDirectoryOnly() throws IOException {
        watched.rescanAll();
        ScanResult first = watched.scan();
        long looked = scanner.entriesLookedAt();
        long hashed = scanner.filesHashed();
        Files.writeString(root.resolve("d3/f7.txt"), "edited");

        watched.changed("d3/f7.txt");
        ScanResult second = watched.scan();

        assertThat(scanner.entriesLookedAt() - looked).isEqualTo(2); // d3 and d3/f7.txt
        assertThat(scanner.filesHashed() - hashed).isEqualTo(1);
        assertThat(second.entries().size()).isEqualTo(first.entries().size());
        assertThat(second.entries().get("d3/f7.txt").hash()).isEqualTo(ContentHash.of(root.resolve("d3/f7.txt")));
        assertThat(second.entries().get("d3/f8.txt")).isEqualTo(first.entries().get("d3/f8.txt"));
    }

    @Test
    void aScanWithNothingReportedLooksAtNothing() throws IOException {
        watched.rescanAll();
        ScanResult first = watched.scan();
        long looked = scanner.entriesLookedAt();

        ScanResult second = watched.scan();

        assertThat(scanner.entriesLookedAt()).isEqualTo(looked);
        assertThat(second.entries().equals(first.entries())).isTrue();
    }

    @Test
    void aMissedEventIsCaughtByTheNextFullRescan() throws IOException {
        watched.rescanAll();
        watched.scan();
        Files.writeString(root.resolve("d5/f1.txt"), "edited, but the event was lost");
        Files.writeString(root.resolve("d5/new.txt"), "new, event lost too");

        ScanResult stale = watched.scan();
        assertThat(stale.entries().containsKey("d5/new.txt")).isFalse();

        watched.rescanAll(); // the periodic rescan, or the watcher after an overflow
        ScanResult fresh = watched.scan();

        assertThat(fresh.entries().containsKey("d5/new.txt")).isTrue();
        assertThat(fresh.entries().get("d5/f1.txt").hash()).isEqualTo(ContentHash.of(root.resolve("d5/f1.txt")));
    }

    @Test
    void aDeletedDirectoryTakesItsWholeSubtreeAlongEvenWhenOnlyAnEntryInsideIsReported() throws IOException {
        watched.rescanAll();
        watched.scan();
        deleteTree(root.resolve("d9"));

        watched.changed("d9/f3.txt");
        ScanResult after = watched.scan();

        assertThat(after.entries().keySet().stream().filter(path -> path.equals("d9") || path.startsWith("d9/")))
                .isEmpty();
        assertThat(after.entries().containsKey("d10/f3.txt")).isTrue(); // a sibling whose name starts the same stays
        assertThat(after.entries().size()).isEqualTo(DIRS * (FILES_PER_DIR + 1) - (FILES_PER_DIR + 1));
    }

    @Test
    void aNewDirectoryIsListedWithEverythingInIt() throws IOException {
        watched.rescanAll();
        watched.scan();
        Files.createDirectories(root.resolve("new/sub"));
        Files.writeString(root.resolve("new/sub/a.txt"), "a");

        watched.changed(List.of("new"));
        ScanResult after = watched.scan();

        assertThat(after.entries().keySet()).contains("new", "new/sub", "new/sub/a.txt");
    }

    @Test
    void anUnreadableFileStaysLeftAloneInLaterScansUntilItCanBeRead() throws IOException {
        watched.rescanAll();
        watched.scan();
        Files.writeString(root.resolve("d1/f1.txt"), "locked now");
        unreadable.add("d1/f1.txt");
        watched.changed("d1/f1.txt");
        assertThat(watched.scan().problems().list()).extracting(ScanProblems.Problem::path).containsExactly("d1/f1.txt");

        ScanResult later = watched.scan(); // nothing reported: the problem must not turn into "deleted"

        assertThat(later.problems().list()).extracting(ScanProblems.Problem::path).containsExactly("d1/f1.txt");
        unreadable.clear();
        ScanResult readable = watched.scan();
        assertThat(readable.problems().isEmpty()).isTrue();
        assertThat(readable.entries().get("d1/f1.txt").hash()).isEqualTo(ContentHash.of(root.resolve("d1/f1.txt")));
    }

    @Test
    void manyChangedPathsMakeOneWalkOfTheFolder() throws IOException {
        watched.rescanAll();
        watched.scan();
        List<String> most = new java.util.ArrayList<>();
        for (int f = 0; f < FILES_PER_DIR; f++) {
            for (int d = 0; d < DIRS / 2 + 1; d++) {
                most.add("d" + d + "/f" + f + ".txt");
            }
        }
        long looked = scanner.entriesLookedAt();

        watched.changed(most);
        watched.scan();

        assertThat(scanner.entriesLookedAt() - looked).isEqualTo(1 + DIRS * (FILES_PER_DIR + 1)); // the root too
    }

    @Test
    void aPathWrittenDuringAScanIsLookedAtByTheNextOne() throws IOException {
        watched.rescanAll();
        watched.scan();
        Files.writeString(root.resolve("d2/f2.txt"), "v2");
        watched.changed("d2/f2.txt");
        watched.scan();
        Files.writeString(root.resolve("d2/f2.txt"), "v3, written after that scan");
        watched.changed("d2/f2.txt");

        assertThat(watched.scan().entries().get("d2/f2.txt").size()).isEqualTo("v3, written after that scan".length());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final class MemoryCache implements ScanCache {
        private final Map<String, String> hashes = new HashMap<>();

        public String hashIfUnchanged(String path, long size, long mtimeMillis) {
            return hashes.get(path + "|" + size + "|" + mtimeMillis);
        }

        public void remember(String path, long size, long mtimeMillis, String hash) {
            hashes.put(path + "|" + size + "|" + mtimeMillis, hash);
        }

        public void retainOnly(Set<String> paths) {
            hashes.keySet().removeIf(key -> !paths.contains(key.substring(0, key.indexOf('|'))));
        }
    }
}
