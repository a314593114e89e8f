package dev.deltasync.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rsync.DeltaEncoder;
import dev.deltasync.rsync.SignatureBuilder;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.ScanResult;
import dev.deltasync.sync.Trash;

/** What the folder's own writes do to its scans while a watcher reports changes (which drops their echoes). */
class LocalFolderScanTest {

    private final TestThreads threads = new TestThreads();

    @TempDir
    Path root;

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    @Test
    void theFoldersOwnDeletionsRenamesAndDirectoriesAreSeenWithoutAWatcherReportAndWithoutAWalk() throws Exception {
        for (int i = 0; i < 500; i++) {
            Files.setLastModifiedTime(Files.writeString(root.resolve("f" + i + ".txt"), "file " + i),
                    FileTime.fromMillis(1_600_000_000_000L));
        }
        LocalFolder folder = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root),
                threads);
        folder.watchedScan().rescanAll();
        ScanResult before = folder.scan();
        long looked = folder.scanner().entriesLookedAt();

        folder.delete(before.entries().get("f1.txt"), false);
        folder.rename("f2.txt", "renamed.txt", before.entries().get("f2.txt"));
        folder.mkdir(FileEntry.dir("made", 0));
        ScanResult after = folder.scan();

        assertThat(after.entries().containsKey("f1.txt")).isFalse();
        assertThat(after.entries().containsKey("f2.txt")).isFalse();
        assertThat(after.entries().get("renamed.txt").hash()).isEqualTo(before.entries().get("f2.txt").hash());
        assertThat(after.entries().get("made").isDir()).isTrue();
        assertThat(after.entries().size()).isEqualTo(before.entries().size());
        assertThat(folder.scanner().entriesLookedAt() - looked).isLessThan(10);
    }

    @Test
    void aFileInstalledWithTheSizeAndMtimeOfTheVersionItReplacesIsScannedAsTheNewVersion() throws Exception {
        // both sides wrote their version in the same millisecond: the sender's mtime is the replaced file's too
        FileTime sameMillis = FileTime.fromMillis(1_600_000_000_000L);
        byte[] old = "the server's version of the file".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] mine = "the client's version of the file".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.setLastModifiedTime(Files.write(root.resolve("a.txt"), old), sameMillis);
        LocalFolder folder = new LocalFolder(root, IgnoreRules.load(root), new MemoryScanCache(),
                Trash.forFolder(root), threads);
        FileEntry before = folder.scan().entries().get("a.txt"); // the scan cache now vouches for the old hash
        Path delta = Files.createTempFile(root.getParent(), "delta", ".bin");
        try (java.io.OutputStream out = Files.newOutputStream(delta)) {
            DeltaEncoder.encode(SignatureBuilder.build(root.resolve("a.txt")), new java.io.ByteArrayInputStream(mine),
                    out);
        }
        FileEntry target = FileEntry.file("a.txt", mine.length, sameMillis.toMillis(), false,
                dev.deltasync.rsync.Sha256.hex(mine));

        folder.installDelta(target, before, delta, false);

        assertThat(Files.readAllBytes(root.resolve("a.txt"))).isEqualTo(mine);
        assertThat(folder.scan().entries().get("a.txt").hash()).isEqualTo(target.hash());
    }

    /** Remembers hashes as the sync state's cache does. */
    private static final class MemoryScanCache implements ScanCache {
        private final Map<String, FileEntry> seen = new ConcurrentHashMap<>();

        public String hashIfUnchanged(String path, long size, long mtimeMillis) {
            FileEntry entry = seen.get(path);
            return entry != null && entry.size() == size && entry.mtimeMillis() == mtimeMillis ? entry.hash() : null;
        }

        public void remember(String path, long size, long mtimeMillis, String hash) {
            seen.put(path, FileEntry.file(path, size, mtimeMillis, false, hash));
        }

        public void retainOnly(Set<String> paths) {
            seen.keySet().retainAll(paths);
        }
    }

    @Test
    void withoutAWatcherEveryScanWalksTheFolder() throws Exception {
        Files.writeString(root.resolve("a.txt"), "a");
        LocalFolder folder = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root),
                threads);
        folder.scan();
        Files.writeString(root.resolve("b.txt"), "b, never reported");

        assertThat(folder.scan().entries().keySet()).containsAll(List.of("a.txt", "b.txt"));
    }
}
