package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderApplierTest {

    private static final long OLD_MTIME = 1_600_000_000_000L;

    @TempDir
    Path root;
    FolderApplier applier;

    @BeforeEach
    void setUp() throws IOException {
        applier = new FolderApplier(root, new Trash(MetadataDir.trashDir(root), Trash.DEFAULT_MAX_BYTES,
                Duration.ofDays(30), Clock.systemUTC()), Clock.systemUTC());
    }

    @Test
    void installsVerifiedContentWithItsMtimeAndExecBit() throws Exception {
        FileEntry target = entry("bin/tool.sh", "#!/bin/sh\necho hi\n", true);

        applier.installFrom(stream("#!/bin/sh\necho hi\n"), target, null, false);

        Path file = root.resolve("bin/tool.sh");
        assertThat(Files.readString(file)).isEqualTo("#!/bin/sh\necho hi\n");
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(OLD_MTIME);
        assertThat(Files.isExecutable(file)).isTrue();
        assertThat(tempFiles()).isEmpty();
    }

    /**
     * A patched file is checked against its target by the hash the patcher computed of the bytes it wrote: not read
     * back to be hashed again (the file here holds other bytes than that hash names, so a re-read would refuse it),
     * and a written hash that is not the target's is still refused.
     */
    @Test
    void aFileHashedAsItWasWrittenIsCheckedByThatHashNotReadBack() throws Exception {
        FileEntry target = entry("data.bin", "the patched content", false);
        Path temp = applier.newTempFile();
        Files.writeString(temp, "the patched content, as the disk would give it back");

        applier.installHashed(temp, target, null, false, target.hash());

        assertThat(root.resolve("data.bin")).exists();
        Path other = applier.newTempFile();
        Files.writeString(other, "the patched content");
        assertThatThrownBy(() -> applier.installHashed(other, entry("more.bin", "the patched content", false), null,
                false, entry("x", "something else", false).hash())).isInstanceOf(IOException.class);
        assertThat(root.resolve("more.bin")).doesNotExist();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void replacesAnUnchangedFileAndTrashesTheOldOneWhenAsked() throws Exception {
        FileEntry old = write("doc.txt", "old", false);

        applier.installFrom(stream("new"), entry("doc.txt", "new", false), old, true);

        assertThat(Files.readString(root.resolve("doc.txt"))).isEqualTo("new");
        try (Stream<Path> trashed = Files.walk(MetadataDir.trashDir(root))) {
            assertThat(trashed.filter(Files::isRegularFile).map(FolderApplierTest::read)).containsExactly("old");
        }
    }

    @Test
    void refusesToOverwriteAFileChangedSinceTheScan() throws Exception {
        FileEntry scanned = write("doc.txt", "seen by the scan", false);
        Files.writeString(root.resolve("doc.txt"), "edited meanwhile");

        assertThatThrownBy(() -> applier.installFrom(stream("incoming"), entry("doc.txt", "incoming", false),
                scanned, false)).isInstanceOf(ChangedSinceScanException.class).hasMessageContaining("doc.txt");

        assertThat(Files.readString(root.resolve("doc.txt"))).isEqualTo("edited meanwhile");
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void recentEditThatKeepsSizeAndMtimeIsCaughtByTheHash() throws Exception {
        Path file = root.resolve("doc.txt");
        Files.writeString(file, "aaaa");
        FileEntry scanned = FolderScannerTest.scanOne(root, "doc.txt");
        FileTime mtime = Files.getLastModifiedTime(file);
        Files.writeString(file, "bbbb");
        Files.setLastModifiedTime(file, mtime);

        assertThatThrownBy(() -> applier.installFrom(stream("new"), entry("doc.txt", "new", false), scanned, false))
                .isInstanceOf(ChangedSinceScanException.class).hasMessageContaining("content differs");
    }

    @Test
    void refusesToCreateOverAFileThatAppeared() throws Exception {
        write("new.txt", "someone else's", false);

        assertThatThrownBy(() -> applier.installFrom(stream("mine"), entry("new.txt", "mine", false), null, false))
                .isInstanceOf(ChangedSinceScanException.class);
        assertThat(Files.readString(root.resolve("new.txt"))).isEqualTo("someone else's");
    }

    @Test
    void aNewFileAnnouncedByItsHashPrefixIsInstalledWithItsWholeHashAndAWrongPrefixIsRefused() throws Exception {
        FileEntry whole = entry("prefixed.txt", "content with a prefix", false);
        FileEntry announced = whole.withHash(whole.hash().substring(0, 16));

        FolderApplier.Installed installed = applier.installNewLeavingDirectoryUnsynced(
                "content with a prefix".getBytes(StandardCharsets.UTF_8), announced);

        assertThat(installed.entry()).isEqualTo(whole);
        assertThat(root.resolve("prefixed.txt")).hasContent("content with a prefix");
        FileEntry wrong = entry("wrong.txt", "promised", false);
        assertThatThrownBy(() -> applier.installNewLeavingDirectoryUnsynced(
                "delivered".getBytes(StandardCharsets.UTF_8), wrong.withHash(wrong.hash().substring(0, 16))))
                .isInstanceOf(ApplyException.class).hasMessageContaining("SHA-256");
        assertThat(root.resolve("wrong.txt")).doesNotExist();
    }

    @Test
    void newFilesFromMemoryInstallSideBySideAndABadOneFailsAlone() throws Exception {
        write("taken.txt", "already here", false);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<FolderApplier.Installed>> installs = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                FileEntry target = entry("d" + (i % 7) + "/f" + i + ".txt", "content " + i, false);
                byte[] content = ("content " + i).getBytes(StandardCharsets.UTF_8);
                installs.add(pool.submit(() -> applier.installNewLeavingDirectoryUnsynced(content, target)));
            }
            FileEntry tampered = entry("tampered.txt", "what was promised", false);
            FileEntry taken = entry("taken.txt", "newcomer", false);
            java.util.concurrent.Future<FolderApplier.Installed> bad = pool.submit(() -> applier.installNewLeavingDirectoryUnsynced(
                    "something else".getBytes(StandardCharsets.UTF_8), tampered));
            java.util.concurrent.Future<FolderApplier.Installed> clash = pool.submit(() -> applier.installNewLeavingDirectoryUnsynced(
                    "newcomer".getBytes(StandardCharsets.UTF_8), taken));
            for (java.util.concurrent.Future<FolderApplier.Installed> install : installs) {
                assertThat(install.get().directory().getParent()).isEqualTo(root);
            }
            assertThatThrownBy(bad::get).hasCauseInstanceOf(ApplyException.class).hasMessageContaining("SHA-256");
            assertThatThrownBy(clash::get).hasCauseInstanceOf(ApplyException.class);
        } finally {
            pool.shutdown();
        }
        for (int i = 0; i < 200; i++) {
            Path file = root.resolve("d" + (i % 7) + "/f" + i + ".txt");
            assertThat(file).hasContent("content " + i);
            assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(OLD_MTIME);
        }
        assertThat(root.resolve("tampered.txt")).doesNotExist();
        assertThat(root.resolve("taken.txt")).hasContent("already here");
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void rejectsContentThatDoesNotMatchItsHash() throws Exception {
        assertThatThrownBy(() -> applier.installFrom(stream("tampered"), entry("a.txt", "original", false), null,
                false)).isInstanceOf(ApplyException.class).hasMessageContaining("a.txt").hasMessageContaining("SHA-256");
        assertThat(root.resolve("a.txt")).doesNotExist();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void diskFullWhileReceivingKeepsTheOldFileAndRemovesTheTemp() throws Exception {
        FileEntry old = write("big.bin", "previous version", false);
        InputStream failing = new InputStream() {
            int sent;
            @Override
            public int read() throws IOException {
                if (sent++ > 1000) {
                    throw new IOException("No space left on device");
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> applier.installFrom(failing, entry("big.bin", "whatever", false), old, false))
                .isInstanceOf(ApplyException.class).hasMessageContaining("no space left")
                .hasMessageContaining("big.bin");
        assertThat(Files.readString(root.resolve("big.bin"))).isEqualTo("previous version");
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void rejectsPathsThatEscapeTheFolder() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        Files.createSymbolicLink(root.resolve("link"), outside);
        for (String bad : new String[] {"../evil", "/etc/passwd", "a/../../evil", "link/evil", ".deltasync/state.mv.db",
            "a//b", ""}) {
            assertThatThrownBy(() -> applier.installFrom(stream("x"), entry(bad, "x", false), null, false))
                    .as(bad).isInstanceOf(ApplyException.class).hasMessageContaining("refusing");
        }
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void renameMovesContentAndAppliesTheTargetAttributes() throws Exception {
        FileEntry from = write("a.txt", "content", false);
        FileEntry target = entry("sub/b.txt", "content", true);

        applier.rename("a.txt", target, from);

        assertThat(root.resolve("a.txt")).doesNotExist();
        assertThat(Files.readString(root.resolve("sub/b.txt"))).isEqualTo("content");
        assertThat(Files.isExecutable(root.resolve("sub/b.txt"))).isTrue();
        assertThat(Files.getLastModifiedTime(root.resolve("sub/b.txt")).toMillis()).isEqualTo(OLD_MTIME);
    }

    @Test
    void deleteToTrashAndDirectoryRemoval() throws Exception {
        applier.mkdir(FileEntry.dir("d", 0));
        FileEntry file = write("d/f.txt", "bye", false);

        applier.delete(file, true);
        applier.delete(FileEntry.dir("d", 0), false);

        assertThat(root.resolve("d")).doesNotExist();
        try (Stream<Path> trashed = Files.walk(MetadataDir.trashDir(root))) {
            assertThat(trashed.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly("f.txt");
        }
    }

    @Test
    void directoryStillHoldingFilesIsLeftWithAClearMessage() throws Exception {
        applier.mkdir(FileEntry.dir("d", 0));
        write("d/notes.swp", "editor", false);

        assertThatThrownBy(() -> applier.removeEmptyDir("d")).isInstanceOf(ApplyException.class)
                .hasMessageContaining("d was not removed").hasMessageContaining("notes.swp");
        assertThat(root.resolve("d/notes.swp")).exists();
    }

    @Test
    void moveAsideKeepsTheLoserUnderItsConflictName() throws Exception {
        FileEntry loser = write("x.txt", "mine", false);

        applier.moveAside(loser, "x.sync-conflict-20240102-030405-client.txt");

        assertThat(root.resolve("x.txt")).doesNotExist();
        assertThat(Files.readString(root.resolve("x.sync-conflict-20240102-030405-client.txt"))).isEqualTo("mine");
    }

    @Test
    void symlinksInsideAreCreatedAndOutsideRefused() throws Exception {
        applier.installSymlink(FileEntry.symlink("d/link", "../target.txt", ""), null, false);

        assertThat(Files.readSymbolicLink(root.resolve("d/link")).toString()).isEqualTo("../target.txt");
        assertThatThrownBy(() -> applier.installSymlink(FileEntry.symlink("d/out", "../../etc", ""), null, false))
                .isInstanceOf(ApplyException.class).hasMessageContaining("leaves the folder");
        assertThat(Files.exists(root.resolve("d/out"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void leftoverTempFilesAreRemovedOnStart() throws Exception {
        Files.writeString(applier.newTempFile(), "half-received");

        new FolderApplier(root, Trash.forFolder(root), Clock.systemUTC());

        assertThat(tempFiles()).isEmpty();
    }

    private FileEntry write(String path, String content, boolean executable) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        file.toFile().setExecutable(executable);
        Files.setLastModifiedTime(file, FileTime.fromMillis(OLD_MTIME));
        return entry(path, content, executable);
    }

    private static FileEntry entry(String path, String content, boolean executable) throws IOException {
        Path scratch = Files.createTempFile("hash", ".tmp");
        try {
            Files.writeString(scratch, content);
            return FileEntry.file(path, content.getBytes(StandardCharsets.UTF_8).length, OLD_MTIME, executable,
                    ContentHash.of(scratch));
        } finally {
            Files.delete(scratch);
        }
    }

    private static InputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private java.util.List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(MetadataDir.tempDir(root))) {
            return files.toList();
        }
    }
}
