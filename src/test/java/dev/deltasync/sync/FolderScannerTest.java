package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderScannerTest {

    private static final String SHA_OF_HELLO = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @TempDir
    Path root;

    @Test
    void smallFilesReadToHashAreShownWithTheirHashAndLargerOnesAreNot() throws Exception {
        Files.writeString(root.resolve("hello.txt"), "hello");
        Files.writeString(root.resolve("large.txt"), "x".repeat(100));
        FolderScanner scanner = new FolderScanner(root, IgnoreRules.of(List.of()), ScanCache.none());
        Map<String, String> shown = new HashMap<>();
        scanner.showSmallFilesTo(64, (hash, content) -> shown.put(hash, new String(content)));

        ScanResult result = scanner.scan();

        assertThat(shown).containsOnly(Map.entry(SHA_OF_HELLO, "hello"));
        assertThat(result.entries().get("hello.txt").hash()).isEqualTo(SHA_OF_HELLO);
        assertThat(result.entries().get("large.txt").hash()).hasSize(64);
    }

    @Test
    void listsFilesDirectoriesAndInsideSymlinksButNotOutsideOnesOrIgnoredPaths() throws Exception {
        Files.createDirectories(root.resolve("docs/sub"));
        Files.writeString(root.resolve("docs/hello.txt"), "hello");
        Files.writeString(root.resolve("docs/sub/run.sh"), "#!/bin/sh");
        root.resolve("docs/sub/run.sh").toFile().setExecutable(true);
        Files.writeString(root.resolve("docs/hello.txt.swp"), "editor");
        Files.createDirectories(root.resolve(".deltasync/tmp"));
        Files.writeString(root.resolve(".deltasync/tmp/x"), "meta");
        Files.createSymbolicLink(root.resolve("inside"), root.getFileSystem().getPath("docs/hello.txt"));
        Files.createSymbolicLink(root.resolve("outside"), root.getFileSystem().getPath("../../etc/passwd"));
        Files.createSymbolicLink(root.resolve("absolute"), Path.of("/etc"));

        ScanResult result = scanner(ScanCache.none()).scan();

        assertThat(result.entries()).containsOnlyKeys("docs", "docs/hello.txt", "docs/sub", "docs/sub/run.sh",
                "inside");
        FileEntry hello = result.entries().get("docs/hello.txt");
        assertThat(hello.hash()).isEqualTo(SHA_OF_HELLO);
        assertThat(hello.size()).isEqualTo(5);
        assertThat(hello.executable()).isFalse();
        assertThat(result.entries().get("docs/sub/run.sh").executable()).isTrue();
        assertThat(result.entries().get("docs").isDir()).isTrue();
        FileEntry link = result.entries().get("inside");
        assertThat(link.kind()).isEqualTo(FileEntry.Kind.SYMLINK);
        assertThat(link.linkTarget()).isEqualTo("docs/hello.txt");
        assertThat(result.problems().isEmpty()).isTrue();
    }

    @Test
    void unchangedFilesAreNotHashedAgain() throws Exception {
        Path file = root.resolve("a.txt");
        Files.writeString(file, "hello");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L));
        CountingCache cache = new CountingCache();

        scanner(cache).scan();
        FileEntry second = scanner(cache).scan().entries().get("a.txt");

        assertThat(cache.hits).isEqualTo(1);
        assertThat(second.hash()).isEqualTo(SHA_OF_HELLO);
    }

    @Test
    void unreadableFilesAreReportedAndCanBeExcluded() throws Exception {
        Files.writeString(root.resolve("ok.txt"), "fine");
        Files.writeString(root.resolve("locked.txt"), "secret");
        FolderScanner.Hasher denyLocked = file -> {
            if (file.getFileName().toString().equals("locked.txt")) {
                throw new AccessDeniedException(file.toString());
            }
            return ContentHash.of(file);
        };

        ScanResult result = new FolderScanner(root, IgnoreRules.of(List.of()), ScanCache.none(),
                java.time.Clock.systemUTC(), denyLocked).scan();

        assertThat(result.entries()).containsOnlyKeys("ok.txt");
        assertThat(result.problems().list()).extracting(ScanProblems.Problem::path).containsExactly("locked.txt");
        Map<String, FileEntry> base = Entries.tree(Entries.file("locked.txt", "x"), Entries.file("ok.txt", "y"));
        assertThat(result.problems().exclude(base)).containsOnlyKeys("ok.txt");
    }

    @Test
    void partialRescanReplacesOnlyTheGivenSubtree() throws Exception {
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/one.txt"), "1");
        Files.writeString(root.resolve("top.txt"), "t");
        FolderScanner scanner = scanner(ScanCache.none());
        Map<String, FileEntry> full = scanner.scan().entries();
        Files.delete(root.resolve("a/b/one.txt"));
        Files.writeString(root.resolve("a/b/two.txt"), "2");

        ScanResult partial = scanner.scan("a/b");
        Map<String, FileEntry> merged = FolderScanner.merge(full, List.of("a/b"), partial);

        assertThat(merged).containsOnlyKeys("a", "a/b", "a/b/two.txt", "top.txt");
        assertThat(merged).isEqualTo(scanner.scan().entries());
    }

    static FileEntry scanOne(Path root, String path) throws IOException {
        return new FolderScanner(root, IgnoreRules.of(List.of()), ScanCache.none()).scan(path).entries().get(path);
    }

    private FolderScanner scanner(ScanCache cache) throws IOException {
        return new FolderScanner(root, IgnoreRules.of(List.of()), cache);
    }

    private static final class CountingCache implements ScanCache {
        final Map<String, String> hashes = new HashMap<>();
        int hits;

        public String hashIfUnchanged(String path, long size, long mtimeMillis) {
            String hash = hashes.get(path + "|" + size + "|" + mtimeMillis);
            hits += hash == null ? 0 : 1;
            return hash;
        }

        public void remember(String path, long size, long mtimeMillis, String hash) {
            hashes.put(path + "|" + size + "|" + mtimeMillis, hash);
        }

        public void retainOnly(Set<String> paths) {
            hashes.keySet().removeIf(key -> !paths.contains(key.substring(0, key.indexOf('|'))));
        }
    }
}
