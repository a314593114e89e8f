package dev.deltasync.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rsync.Sha256;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.Trash;

/**
 * New files of a batch are installed side by side on the install threads so that their fsyncs overlap; a batch of
 * one file (a push's new file, to every client) has nothing to overlap and is installed on the calling thread.
 */
class BatchInstallTest {

    private static final long MTIME = 1_700_000_000_000L;

    @TempDir
    Path root;
    private final TestThreads threads = new TestThreads();
    private LocalFolder folder;

    @BeforeEach
    void open() throws Exception {
        folder = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root), threads);
    }

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void aLoneNewFileIsInstalledWithoutAHandOffToTheInstallThreads() throws Exception {
        byte[] content = "a new small file\n".getBytes(StandardCharsets.UTF_8);

        // before: one task (and a new install thread) for the lone file
        LocalFolder.BatchInstall result = folder.installNewFiles(List.of(entry("docs/new.txt", content)),
                spooled(content));

        assertThat(result.failed()).isEmpty();
        assertThat(result.installed()).extracting(FileEntry::path).containsExactly("docs/new.txt");
        assertThat(root.resolve("docs/new.txt")).hasBinaryContent(content);
        assertThat(installTasks()).isZero();
    }

    @Test
    void severalNewFilesStillGoSideBySide() throws Exception {
        List<byte[]> contents = List.of(bytes("one\n"), bytes("two\n"), bytes("three\n"));
        List<FileEntry> targets = List.of(entry("a.txt", contents.get(0)), entry("b.txt", contents.get(1)),
                entry("c/d.txt", contents.get(2)));

        LocalFolder.BatchInstall result = folder.installNewFiles(targets, spooled(contents.toArray(byte[][]::new)));

        assertThat(result.failed()).isEmpty();
        assertThat(root.resolve("c/d.txt")).hasBinaryContent(contents.get(2));
        assertThat(installTasks()).isEqualTo(3);
    }

    @Test
    void aLoneFileThatDoesNotMatchItsHashIsReportedNotInstalled() throws Exception {
        byte[] content = bytes("what arrived\n");
        FileEntry promised = entry("new.txt", bytes("what was promised\n"));

        LocalFolder.BatchInstall result = folder.installNewFiles(
                List.of(FileEntry.file("new.txt", content.length, MTIME, false, promised.hash())), spooled(content));

        assertThat(result.installed()).isEmpty();
        assertThat(result.failed()).extracting(f -> f.path()).containsExactly("new.txt");
        assertThat(root.resolve("new.txt")).doesNotExist();
    }

    /** The contents back to back in a file, as a batch arrives. */
    private Path spooled(byte[]... contents) throws Exception {
        Path file = Files.createTempFile(root.getParent(), "batch", ".bin");
        for (byte[] content : contents) {
            Files.write(file, content, java.nio.file.StandardOpenOption.APPEND);
        }
        return file;
    }

    private long installTasks() {
        return ((ThreadPoolExecutor) threads.installs()).getTaskCount();
    }

    private static FileEntry entry(String path, byte[] content) {
        return FileEntry.file(path, content.length, MTIME, false, Sha256.hex(content));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
