package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the applier and the scanner do with links, modes and names (issue 17, findings 2, 3, 8 and 9). */
class FolderSecurityTest {

    private static final long OLD_MTIME = 1_600_000_000_000L;

    @TempDir
    Path tmp;
    Path root;
    FolderApplier applier;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        applier = FolderApplier.forFolder(root);
    }

    @Test
    void renamingALinkLeavesTheAttributesOfWhatItPointsToAlone() throws Exception {
        Path meta = MetadataDir.of(root);
        String modeBefore = mode(meta);
        FileTime mtimeBefore = Files.getLastModifiedTime(meta);
        Files.createSymbolicLink(root.resolve("m"), root.getFileSystem().getPath(".deltasync"));
        FileEntry link = FileEntry.symlink("m", ".deltasync", ContentHash.ofLinkTarget(".deltasync"));
        FileEntry hostile = new FileEntry("m2", FileEntry.Kind.FILE, 0, 0, false, "", "", 0666);

        applier.rename("m", hostile, link);

        assertThat(Files.isSymbolicLink(root.resolve("m2"))).isTrue();
        assertThat(mode(meta)).isEqualTo(modeBefore);
        assertThat(Files.getLastModifiedTime(meta)).isEqualTo(mtimeBefore);
    }

    @Test
    void aLinkThatEscapesThroughAnotherLinkIsNotInstalled() throws Exception {
        applier.installSymlink(FileEntry.symlink("s", ".", ""), null, false);

        assertThatThrownBy(() -> applier.installSymlink(FileEntry.symlink("t", "s/..", ""), null, false))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("'t'").hasMessageContaining("link s");
        assertThatThrownBy(() -> applier.installSymlink(FileEntry.symlink("m", ".deltasync", ""), null, false))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining(".deltasync");
        assertThat(Files.exists(root.resolve("t"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(root.resolve("m"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void theScannerDoesNotListALinkThatEscapesThroughAnotherLink() throws Exception {
        Files.createSymbolicLink(root.resolve("s"), root.getFileSystem().getPath("."));
        Files.createSymbolicLink(root.resolve("t"), root.getFileSystem().getPath("s/.."));
        Files.createSymbolicLink(root.resolve("m"), root.getFileSystem().getPath(".deltasync"));

        ScanResult scan = new FolderScanner(root, IgnoreRules.of(java.util.List.of()), ScanCache.none()).scan();

        assertThat(scan.entries()).containsKey("s").doesNotContainKeys("t", "m");
    }

    @Test
    void nothingIsWrittenUnderAMetadataFolderAtAnyDepth() throws Exception {
        assertThatThrownBy(() -> applier.installFrom(stream("x"), entry("sub/.deltasync/x", "x", 0644), null, false))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("sub/.deltasync/x");
        assertThatThrownBy(() -> applier.mkdir(FileEntry.dir("a/.deltasync", 0)))
                .isInstanceOf(UnsafePathException.class);
        assertThat(root.resolve("sub/.deltasync")).doesNotExist();
    }

    @Test
    void filesAndDirectoriesGetTheModesTheSourceHad() throws Exception {
        applier.mkdir(FileEntry.dir("private", 0).withMode(0700));
        applier.installFrom(stream("secret"), entry("private/key.txt", "secret", 0600), null, false);
        applier.installFrom(stream("shared"), entry("shared.txt", "shared", 0664), null, false);

        assertThat(mode(root.resolve("private"))).isEqualTo("rwx------");
        assertThat(mode(root.resolve("private/key.txt"))).isEqualTo("rw-------");
        assertThat(mode(root.resolve("shared.txt"))).isEqualTo("rw-rw-r--");
        ScanResult scan = new FolderScanner(root, IgnoreRules.of(java.util.List.of()), ScanCache.none()).scan();
        assertThat(scan.entries().get("private/key.txt").mode()).isEqualTo(0600);
        assertThat(scan.entries().get("private").mode()).isEqualTo(0700);
    }

    @Test
    void tempFilesAreOwnerOnlyUntilInstalled() throws Exception {
        Path temp = applier.newTempFile();

        assertThat(mode(temp)).isEqualTo("rw-------");
    }

    @Test
    void theMetadataIsOwnerOnlyWhateverTheUmask() throws Exception {
        FolderMarker.open(root);
        try (SyncStateStore store = SyncStateStore.open(root)) {
            store.record("peer", FileEntry.dir("d", 0));
        }
        Trash trash = Trash.forFolder(root);
        Files.writeString(root.resolve("old.txt"), "old");
        trash.keep(root.resolve("old.txt"), "old.txt");

        assertThat(mode(MetadataDir.of(root))).isEqualTo("rwx------");
        assertThat(mode(MetadataDir.folderIdFile(root))).isEqualTo("rw-------");
        assertThat(mode(MetadataDir.stateFile(root))).isEqualTo("rw-------");
        assertThat(mode(MetadataDir.tempDir(root))).isEqualTo("rwx------");
        assertThat(mode(MetadataDir.trashDir(root))).isEqualTo("rwx------");
    }

    @Test
    void aNameThatIsNotValidUtf8IsReportedByNameNotSynced() throws Exception {
        Process touch = new ProcessBuilder("sh", "-c", "printf x > \"$(printf 'caf\\351.txt')\"")
                .directory(root.toFile()).start();
        assertThat(touch.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(touch.exitValue()).isZero();
        Files.writeString(root.resolve("fine.txt"), "fine");

        ScanResult scan = new FolderScanner(root, IgnoreRules.of(java.util.List.of()), ScanCache.none()).scan();

        assertThat(scan.entries()).containsOnlyKeys("fine.txt");
        assertThat(scan.problems().list()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).startsWith("caf").endsWith(".txt");
            assertThat(problem.reason()).contains("not valid UTF-8");
        });
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static FileEntry entry(String path, String content, int mode) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return FileEntry.file(path, bytes.length, OLD_MTIME, false, dev.deltasync.rsync.Sha256.hex(bytes))
                .withMode(mode);
    }

    private static ByteArrayInputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

}
