package dev.deltasync.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.lines.LineEdit;
import dev.deltasync.lines.LineKeys;
import dev.deltasync.lines.LinePatchException;
import dev.deltasync.lines.Lines;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.sync.ChangedSinceScanException;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.MetadataDir;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.Trash;

/**
 * The line edits of one batch (a client's upload on the server, a download on the client) are installed side by
 * side on the install threads, so that their fsyncs overlap; each is still checked against its target's hash and
 * against the version it was made from, and one that fails does not stop the others.
 */
class LineEditInstallTest {

    private static final long MTIME = 1_700_000_000_000L;

    @TempDir
    Path root;
    private final CountedInstalls threads = new CountedInstalls();
    private LocalFolder folder;
    /** The keys of the lines that go, over all the files of the batch. */
    private final Set<Long> removed = new HashSet<>();

    @BeforeEach
    void open() throws IOException {
        folder = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root),
                threads);
    }

    @AfterEach
    void close() {
        threads.close();
    }

    /** Before, the server installed a batch's line edits one after another on the thread that received them. */
    @Test
    void theLineEditsOfABatchAreInstalledSideBySide() throws IOException {
        List<LocalFolder.LineEditInstall> edits = new ArrayList<>();
        List<byte[]> edited = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] before = bytes("line one of " + i + "\nline two\nline three of " + i + "\n");
            byte[] after = bytes("line one of " + i + "\nline two, edited\nline three of " + i + "\nand a fourth\n");
            edits.add(edit(i, "src/f" + i + ".txt", before, after, false));
            edited.add(after);
        }

        List<LocalFolder.LineEditOutcome> outcomes = folder.installLineEdits(edits, removed);

        assertThat(threads.handedToInstallThreads()).as("installs handed to the install threads").isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(outcomes.get(i).failure()).isNull();
            assertThat(outcomes.get(i).installed().hash()).isEqualTo(Sha256.hex(edited.get(i)));
            assertThat(root.resolve("src/f" + i + ".txt")).hasBinaryContent(edited.get(i));
            assertThat(folder.current("src/f" + i + ".txt").hash()).isEqualTo(Sha256.hex(edited.get(i)));
        }
        assertThat(leftoverTemps()).isEmpty();
    }

    @Test
    void anEditThatDoesNotApplyFailsAloneAndLeavesItsFileAsItWas() throws IOException {
        List<LocalFolder.LineEditInstall> edits = new ArrayList<>();
        edits.add(edit(0, "a.txt", bytes("a\nb\n"), bytes("a\nb, edited\n"), false));
        LocalFolder.LineEditInstall changed = edit(1, "b.txt", bytes("c\nd\n"), bytes("c\nd, edited\n"), false);
        edits.add(changed);
        edits.add(edit(2, "c.txt", bytes("e\nf\n"), bytes("e\nf, edited\n"), false));
        Files.writeString(root.resolve("b.txt"), "changed here meanwhile\n");
        // an edit whose result is not its target: made against other lines than ours
        LocalFolder.LineEditInstall wrong = edit(3, "d.txt", bytes("g\nh\n"), bytes("g\nh, edited\n"), false);
        Files.writeString(root.resolve("d.txt"), "g\nh\n");
        FileEntry notTheResult = FileEntry.file("d.txt", wrong.target().size(), MTIME, false,
                Sha256.hex(bytes("not what the edit gives")));
        edits.add(new LocalFolder.LineEditInstall(notTheResult, wrong.basisHash(), wrong.edit(), false));

        List<LocalFolder.LineEditOutcome> outcomes = folder.installLineEdits(edits, removed);

        assertThat(outcomes.get(0).failure()).isNull();
        assertThat(outcomes.get(1).failure()).isInstanceOf(ChangedSinceScanException.class);
        assertThat(outcomes.get(2).failure()).isNull();
        assertThat(outcomes.get(3).failure()).isInstanceOf(LinePatchException.class);
        assertThat(root.resolve("a.txt")).hasContent("a\nb, edited\n");
        assertThat(root.resolve("b.txt")).hasContent("changed here meanwhile\n");
        assertThat(root.resolve("c.txt")).hasContent("e\nf, edited\n");
        assertThat(root.resolve("d.txt")).hasContent("g\nh\n");
        assertThat(leftoverTemps()).isEmpty();
    }

    @Test
    void aReplacedVersionGoesToTheTrashWhenAsked() throws IOException {
        List<LocalFolder.LineEditInstall> edits = List.of(
                edit(0, "x.txt", bytes("x\ny\n"), bytes("x\ny, edited\n"), true),
                edit(1, "y.txt", bytes("z\nw\n"), bytes("z\nw, edited\n"), true));

        folder.installLineEdits(edits, removed);

        assertThat(root.resolve("x.txt")).hasContent("x\ny, edited\n");
        try (var trashed = Files.walk(MetadataDir.of(root))) {
            assertThat(trashed.filter(Files::isRegularFile).filter(p -> p.toString().contains("trash"))
                    .map(LineEditInstallTest::readString)).contains("x\ny\n", "z\nw\n");
        }
    }

    /** Writes {@code before} at {@code path} and returns the line edit that makes it {@code after}. */
    private LocalFolder.LineEditInstall edit(int index, String path, byte[] before, byte[] after, boolean trashOld)
            throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, before);
        long[] oldKeys = LineKeys.of(index, before, Lines.starts(before));
        int[] starts = Lines.starts(after);
        long[] newKeys = LineKeys.of(index, after, starts);
        Set<Long> oldSet = new HashSet<>();
        Arrays.stream(oldKeys).forEach(oldSet::add);
        Set<Long> newSet = new HashSet<>();
        Arrays.stream(newKeys).forEach(newSet::add);
        Set<Long> gone = new HashSet<>(oldSet);
        gone.removeAll(newSet);
        Set<Long> added = new HashSet<>(newSet);
        added.removeAll(oldSet);
        removed.addAll(gone);
        LineEdit edit = LineEdit.of(index, after, starts, newKeys, added, gone);
        FileEntry target = FileEntry.file(path, after.length, MTIME, false, Sha256.hex(after));
        return new LocalFolder.LineEditInstall(target, Sha256.hex(before), edit, trashOld);
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
