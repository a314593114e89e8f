package dev.deltasync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.CountedInstalls;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.sync.Action;
import dev.deltasync.sync.ChangedSinceScanException;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.MetadataDir;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.Side;
import dev.deltasync.sync.Trash;

/**
 * A small file whose content the server pushed (checked by its hash on arrival) is installed as it is: no signature
 * of our copy, no delta, no request; the install still refuses a copy that changed since the cycle planned.
 */
class PushedInstallTest {

    private static final long MTIME = 1_700_000_000_000L;

    @TempDir
    Path root;
    private final CountedInstalls threads = new CountedInstalls();
    private LocalFolder folder;
    /** Every call the download made to the server's side other than taking the pushed content. */
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        folder = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root),
                threads);
    }

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void aPushedUpdateIsWrittenInPlaceWithNoSignatureDeltaOrRequest() throws IOException {
        Files.writeString(root.resolve("notes.txt"), "first version\n");
        FileEntry before = folder.current("notes.txt");
        byte[] pushed = bytes("second version, a little longer\n");
        FileEntry target = entry("notes.txt", pushed);
        SyncReport report = new SyncReport();

        // before: the copy went through fetchDelta (a delta encoded from the push, then patched)
        download(pushed).start(new Action.Copy(Side.CLIENT, target, before, false), null).finish(report);

        assertThat(root.resolve("notes.txt")).hasBinaryContent(pushed);
        assertThat(Files.getLastModifiedTime(root.resolve("notes.txt"))).isEqualTo(FileTime.fromMillis(MTIME));
        assertThat(asked).as("calls to the server's side").isEmpty();
        assertThat(folder.current("notes.txt").hash()).isEqualTo(target.hash());
        assertThat(report.literal()).isEqualTo(pushed.length);
        assertThat(leftoverTemps()).isEmpty();
    }

    @Test
    void aPushedNewFileIsCreatedWithItsDirectories() throws IOException {
        byte[] pushed = bytes("a new small file\n");
        FileEntry target = entry("docs/deep/new.txt", pushed);

        download(pushed).start(new Action.Copy(Side.CLIENT, target, null, false), null).finish(new SyncReport());

        assertThat(root.resolve("docs/deep/new.txt")).hasBinaryContent(pushed);
        assertThat(asked).isEmpty();
    }

    @Test
    void aBatchOfPushedNewFilesIsInstalledFromThePushWithNoRequestOrSpoolFile() throws IOException {
        byte[] pushed = bytes("a new small file, in a batch\n");
        FileEntry target = entry("docs/batched.txt", pushed);

        // before: the batch asked for the files (fetchNewFiles), which spooled the pushed bytes to a temp file
        List<dev.deltasync.wire.PutBatchResult.Failed> failed = download(pushed).startBatch(List.of(target)).await();

        assertThat(failed).isEmpty();
        assertThat(root.resolve("docs/batched.txt")).hasBinaryContent(pushed);
        assertThat(asked).as("calls to the server's side").isEmpty();
        assertThat(leftoverTemps()).isEmpty();
    }

    @Test
    void aLocalEditSinceThePlanIsNotOverwritten() throws IOException {
        Files.writeString(root.resolve("notes.txt"), "first version\n");
        FileEntry before = folder.current("notes.txt");
        byte[] pushed = bytes("the server's version\n");
        Files.writeString(root.resolve("notes.txt"), "edited here meanwhile, and longer\n");
        Crossing.Finisher finisher = download(pushed)
                .start(new Action.Copy(Side.CLIENT, entry("notes.txt", pushed), before, false), null);

        assertThatThrownBy(() -> finisher.finish(new SyncReport())).isInstanceOf(ChangedSinceScanException.class);

        assertThat(root.resolve("notes.txt")).hasContent("edited here meanwhile, and longer\n");
        assertThat(leftoverTemps()).isEmpty();
    }

    @Test
    void aFileThatAppearedSinceThePlanIsNotOverwritten() throws IOException {
        byte[] pushed = bytes("the server's new file\n");
        Files.writeString(root.resolve("new.txt"), "made here meanwhile\n");
        Crossing.Finisher finisher = download(pushed)
                .start(new Action.Copy(Side.CLIENT, entry("new.txt", pushed), null, false), null);

        assertThatThrownBy(() -> finisher.finish(new SyncReport())).isInstanceOf(ChangedSinceScanException.class);

        assertThat(root.resolve("new.txt")).hasContent("made here meanwhile\n");
    }

    /**
     * The pushed files of a cycle are installed side by side on the install threads, so that their fsyncs overlap:
     * each install starts with its transfer, before the cycle awaits the first. Before, each was written when the
     * cycle concluded its transfer, one after another on the cycle's thread.
     */
    @Test
    void pushedFilesAreInstalledSideBySide() throws IOException {
        List<Crossing.Finisher> finishers = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Files.writeString(root.resolve("f" + i + ".txt"), "old " + i + "\n");
            FileEntry before = folder.current("f" + i + ".txt");
            byte[] pushed = bytes("new content of " + i + "\n");
            contents.add(pushed);
            finishers.add(download(pushed).start(new Action.Copy(Side.CLIENT, entry("f" + i + ".txt", pushed), before,
                    false), null));
        }

        assertThat(threads.handedToInstallThreads()).as("installs handed to the install threads before any was awaited")
                .isEqualTo(3);
        SyncReport report = new SyncReport();
        for (Crossing.Finisher finisher : finishers) {
            finisher.finish(report);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(root.resolve("f" + i + ".txt")).hasBinaryContent(contents.get(i));
            assertThat(folder.current("f" + i + ".txt").hash()).isEqualTo(Sha256.hex(contents.get(i)));
        }
        assertThat(leftoverTemps()).isEmpty();
    }

    @Test
    void aReplacedCopyGoesToTheTrashWhenAsked() throws IOException {
        Files.writeString(root.resolve("notes.txt"), "first version\n");
        FileEntry before = folder.current("notes.txt");
        byte[] pushed = bytes("second version\n");

        download(pushed).start(new Action.Copy(Side.CLIENT, entry("notes.txt", pushed), before, true), null)
                .finish(new SyncReport());

        assertThat(root.resolve("notes.txt")).hasBinaryContent(pushed);
        try (var trashed = Files.walk(MetadataDir.of(root))) {
            assertThat(trashed.filter(Files::isRegularFile).filter(p -> p.toString().contains("trash"))
                    .map(p -> readString(p))).contains("first version\n");
        }
    }

    private Download download(byte[] pushed) {
        RemoteFolder remote = (RemoteFolder) Proxy.newProxyInstance(RemoteFolder.class.getClassLoader(),
                new Class<?>[]{RemoteFolder.class}, (proxy, method, args) -> {
                    if (method.getName().equals("holdsPushed")) {
                        return Sha256.hex(pushed).equals(((FileEntry) args[0]).hash());
                    }
                    if (method.getName().equals("takePushed")) {
                        FileEntry file = (FileEntry) args[0];
                        return Optional.of(pushed).filter(bytes -> Sha256.hex(bytes).equals(file.hash()));
                    }
                    asked.add(method.getName());
                    throw new UnsupportedOperationException("not expected here: " + method.getName());
                });
        return new Download(folder, remote, threads.rounds(), new CutDownloads(folder, "server-1"));
    }

    private static FileEntry entry(String path, byte[] content) {
        return FileEntry.file(path, content.length, MTIME, false, Sha256.hex(content));
    }

    private List<Path> leftoverTemps() throws IOException {
        try (var temps = Files.list(MetadataDir.tempDir(root.toRealPath()))) {
            return temps.toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
