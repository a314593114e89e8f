package dev.deltasync.sync;

import static dev.deltasync.sync.Entries.contents;
import static dev.deltasync.sync.Entries.dir;
import static dev.deltasync.sync.Entries.file;
import static dev.deltasync.sync.Entries.tree;
import static dev.deltasync.sync.ReconcilerTableTest.NAMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconcilerScenarioTest {

    private static final Map<String, FileEntry> NONE = Map.of();

    @ParameterizedTest(name = "mode {0}: server {1}, client {2}")
    @CsvSource({
        "0, A B C X*, A B C X*",
        "1, A B C X, A B C X",
        "2, A C X*, A C X*",
        "3, A B X, A B X",
    })
    void seedTable(int modeNumber, String serverAfter, String clientAfter) {
        Map<String, FileEntry> server = tree(file("A", "a"), file("B", "b"), file("X", "x"));
        Map<String, FileEntry> client = tree(file("A", "a"), file("C", "c"), file("X", "x*"));
        Mode mode = Mode.of(modeNumber);

        PlanSimulator after = run(NONE, server, client, mode);

        assertThat(namesWithoutConflicts(after.folder(Side.SERVER), "x")).isEqualTo(serverAfter);
        assertThat(namesWithoutConflicts(after.folder(Side.CLIENT), "x")).isEqualTo(clientAfter);
        if (!mode.isMirror()) {
            String loserContent = mode == Mode.UNION_CLIENT_WINS ? "x" : "x*";
            Side loser = mode == Mode.UNION_CLIENT_WINS ? Side.SERVER : Side.CLIENT;
            assertThat(contents(after.folder(Side.SERVER))).containsEntry(NAMER.name("X", loser), loserContent);
            assertThat(contents(after.folder(Side.CLIENT))).containsEntry(NAMER.name("X", loser), loserContent);
        }
    }

    @Test
    void conflictCopyIsNamedAfterTheLosingSide() {
        assertThat(NAMER.name("docs/report.pdf", Side.SERVER))
                .isEqualTo("docs/report.sync-conflict-20240102-030405-server.pdf");
        assertThat(NAMER.name("archive.tar.gz", Side.CLIENT))
                .isEqualTo("archive.tar.sync-conflict-20240102-030405-client.gz");
        assertThat(NAMER.name("a/.bashrc", Side.CLIENT)).isEqualTo("a/.bashrc.sync-conflict-20240102-030405-client");
        assertThat(NAMER.name("Makefile", Side.SERVER)).isEqualTo("Makefile.sync-conflict-20240102-030405-server");
    }

    @Test
    void renameOnOneSideBecomesALocalRenameOnTheOther() {
        Map<String, FileEntry> base = tree(file("a.txt", "content"));
        Map<String, FileEntry> server = tree(dir("sub"), file("sub/b.txt", "content"));
        Map<String, FileEntry> client = tree(file("a.txt", "content"));

        Plan plan = Reconciler.reconcile(base, server, client, Mode.UNION_CLIENT_WINS, NAMER);

        assertThat(plan.actions()).containsExactly(
                new Action.Mkdir(Side.CLIENT, dir("sub")),
                new Action.Rename(Side.CLIENT, "a.txt", file("sub/b.txt", "content"), file("a.txt", "content")));
        PlanSimulator after = new PlanSimulator(base, server, client).run(plan);
        assertThat(after.folder(Side.CLIENT)).isEqualTo(server);
    }

    @Test
    void fileReplacedByDirectoryOnOneSideReplacesItOnTheOther() {
        Map<String, FileEntry> base = tree(file("D", "old"));
        Map<String, FileEntry> server = tree(dir("D"), file("D/f", "new"));
        Map<String, FileEntry> client = tree(file("D", "old"));

        PlanSimulator after = run(base, server, client, Mode.UNION_CLIENT_WINS);

        assertThat(contents(after.folder(Side.CLIENT))).containsOnlyKeys("D", "D/f").containsEntry("D", "/");
    }

    @Test
    void directoryKeepsItsNameAgainstAFileAndTheFileBecomesTheConflictCopy() {
        Map<String, FileEntry> server = tree(file("D", "file"));
        Map<String, FileEntry> client = tree(dir("D"), file("D/a", "a"));

        Plan plan = Reconciler.reconcile(NONE, server, client, Mode.UNION_SERVER_WINS, NAMER);
        PlanSimulator after = new PlanSimulator(NONE, server, client).run(plan);

        String conflict = NAMER.name("D", Side.SERVER);
        assertThat(plan.conflicts()).containsExactly(new Conflict("D", conflict, Side.CLIENT, Side.SERVER));
        assertThat(contents(after.folder(Side.SERVER)))
                .isEqualTo(Map.of("D", "/", "D/a", "a", conflict, "file"))
                .isEqualTo(contents(after.folder(Side.CLIENT)));
    }

    @Test
    void modificationInsideADirectoryTheOtherSideReplacedByAFileSurvives() {
        Map<String, FileEntry> base = tree(dir("D"), file("D/f", "v1"));
        Map<String, FileEntry> server = tree(file("D", "file"));
        Map<String, FileEntry> client = tree(dir("D"), file("D/f", "v2"));

        PlanSimulator after = run(base, server, client, Mode.UNION_SERVER_WINS);

        assertThat(contents(after.folder(Side.SERVER)))
                .isEqualTo(Map.of("D", "/", "D/f", "v2", NAMER.name("D", Side.SERVER), "file"))
                .isEqualTo(contents(after.folder(Side.CLIENT)));
    }

    @Test
    void fileAddedInADirectoryTheOtherSideDeletedKeepsTheDirectory() {
        Map<String, FileEntry> base = tree(dir("D"), file("D/a", "a"));
        Map<String, FileEntry> server = tree();
        Map<String, FileEntry> client = tree(dir("D"), file("D/a", "a"), file("D/new", "n"));

        PlanSimulator after = run(base, server, client, Mode.UNION_CLIENT_WINS);

        assertThat(contents(after.folder(Side.SERVER))).isEqualTo(Map.of("D", "/", "D/new", "n"))
                .isEqualTo(contents(after.folder(Side.CLIENT)));
    }

    @Test
    void mirrorReplacesADirectoryTreeByAFileTrashingWhatItRemoves() {
        Map<String, FileEntry> server = tree(file("D", "file"));
        Map<String, FileEntry> client = tree(dir("D"), dir("D/e"), file("D/e/a", "a"), file("D/b", "b"));

        Plan plan = Reconciler.reconcile(NONE, server, client, Mode.MIRROR_SERVER_TO_CLIENT, NAMER);
        PlanSimulator after = new PlanSimulator(NONE, server, client).run(plan);

        assertThat(after.folder(Side.CLIENT)).isEqualTo(server);
        assertThat(plan.actions()).filteredOn(a -> a instanceof Action.Delete).hasSize(4)
                .allMatch(a -> ((Action.Delete) a).toTrash());
        assertThat(plan.deletionsOn(Side.CLIENT)).isEqualTo(2);
    }

    @Test
    void deletesComeDeepestFirstAndDirectoriesBeforeTheirFiles() {
        Map<String, FileEntry> base = tree(dir("a"), dir("a/b"), file("a/b/f", "f"), file("a/g", "g"));
        Map<String, FileEntry> server = tree(dir("x"), dir("x/y"), file("x/y/z", "z"));

        Plan plan = Reconciler.reconcile(base, server, base, Mode.UNION_CLIENT_WINS, NAMER);

        assertThat(plan.folderActions()).extracting(Action::path)
                .containsExactly("a/g", "a/b/f", "x", "x/y", "a/b", "a", "x/y/z");
    }

    @Test
    void pathThatChangesTypeIsNotMistakenForARenameTarget() {
        // Found by ReconcilerProperties: the copy of file d (replacing dir d) looked like a rename of e.
        Map<String, FileEntry> server = tree(file("d", "v1"));
        Map<String, FileEntry> client = tree(dir("d"), file("e", "v1"));

        PlanSimulator after = run(NONE, server, client, Mode.MIRROR_SERVER_TO_CLIENT);

        assertThat(after.folder(Side.CLIENT)).isEqualTo(server);
    }

    @Test
    void mismatchedKeyIsRejected() {
        Map<String, FileEntry> broken = Map.of("a", file("b", "x"));
        assertThatThrownBy(() -> Reconciler.reconcile(NONE, broken, NONE, Mode.UNION_CLIENT_WINS, NAMER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server");
    }

    private static PlanSimulator run(Map<String, FileEntry> base, Map<String, FileEntry> server,
                                     Map<String, FileEntry> client, Mode mode) {
        Plan plan = Reconciler.reconcile(base, server, client, mode, NAMER);
        PlanSimulator after = new PlanSimulator(base, server, client).run(plan);
        assertThat(Reconciler.reconcile(after.state(), after.folder(Side.SERVER), after.folder(Side.CLIENT), mode,
                NAMER).actions()).as("second sync is empty").isEmpty();
        return after;
    }

    /** Names in the folder, "X*" when X holds the changed content, conflict copies left out. */
    private static String namesWithoutConflicts(Map<String, FileEntry> folder, String originalX) {
        StringBuilder names = new StringBuilder();
        folder.forEach((path, entry) -> {
            if (!ConflictNamer.isConflictCopy(path)) {
                boolean changedX = path.equals("X") && !entry.hash().equals("h-" + originalX);
                names.append(names.length() == 0 ? "" : " ").append(path).append(changedX ? "*" : "");
            }
        });
        return names.toString();
    }
}
