package dev.deltasync.sync;

import static dev.deltasync.sync.Entries.contents;
import static dev.deltasync.sync.Entries.exec;
import static dev.deltasync.sync.Entries.file;
import static dev.deltasync.sync.Entries.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every combination of absent / unchanged / modified / deleted on each side against the last-synced state (and
 * without one), for each mode. Cells: B = base content, S / C = changed on server / client, X = both changed to the
 * same content, Bx = base content made executable, "-" = absent, "W+L" = W under the name and L as conflict copy.
 */
class ReconcilerTableTest {

    static final ConflictNamer NAMER = new ConflictNamer(Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"),
            ZoneOffset.UTC));
    static final String PATH = "dir/f.txt";

    static Stream<Arguments> table() {
        String[][] rows = {
            // base, server, client, mode 0, mode 1, mode 2, mode 3
            {"B", "B", "B", "B", "B", "B", "B"},
            {"B", "S", "B", "S", "S", "B", "S"},
            {"B", "B", "C", "C", "C", "C", "B"},
            {"B", "-", "B", "-", "-", "B", "-"},
            {"B", "B", "-", "-", "-", "-", "B"},
            {"B", "-", "-", "-", "-", "-", "-"},
            {"B", "S", "-", "S", "S", "-", "S"},
            {"B", "-", "C", "C", "C", "C", "-"},
            {"B", "S", "C", "C+S", "S+C", "C", "S"},
            {"B", "X", "X", "X", "X", "X", "X"},
            {"B", "Bx", "B", "Bx", "Bx", "B", "Bx"},
            {"B", "B", "Bx", "Bx", "Bx", "Bx", "B"},
            {"-", "-", "C", "C", "C", "C", "-"},
            {"-", "S", "-", "S", "S", "-", "S"},
            {"-", "S", "C", "C+S", "S+C", "C", "S"},
            {"-", "X", "X", "X", "X", "X", "X"},
        };
        return Stream.of(rows).flatMap(row -> Stream.of(Mode.values())
                .map(mode -> Arguments.of(row[0], row[1], row[2], mode, row[3 + mode.number()])));
    }

    @ParameterizedTest(name = "base={0} server={1} client={2} {3} -> {4}")
    @MethodSource("table")
    void bothSidesEndAsTheModePromises(String base, String server, String client, Mode mode, String expected) {
        Map<String, FileEntry> lastSynced = withDir(base);
        Map<String, FileEntry> onServer = withDir(server);
        Map<String, FileEntry> onClient = withDir(client);

        Plan plan = Reconciler.reconcile(lastSynced, onServer, onClient, mode, NAMER);
        PlanSimulator after = new PlanSimulator(lastSynced, onServer, onClient).run(plan);

        Map<String, String> expectedFolder = expectedFolder(expected, mode);
        assertThat(contents(after.folder(Side.SERVER))).isEqualTo(expectedFolder);
        assertThat(contents(after.folder(Side.CLIENT))).isEqualTo(expectedFolder);
        assertThat(contents(after.state())).isEqualTo(expectedFolder);
        assertThat(plan.conflicts()).hasSize(expected.contains("+") ? 1 : 0);
        assertThat(Reconciler.reconcile(after.state(), after.folder(Side.SERVER), after.folder(Side.CLIENT), mode,
                NAMER).actions()).isEmpty();
    }

    @ParameterizedTest(name = "base={0} server={1} client={2} {3}")
    @MethodSource("table")
    void onlyMirrorsTrashWhatTheyOverwriteOrDelete(String base, String server, String client, Mode mode) {
        Plan plan = Reconciler.reconcile(withDir(base), withDir(server), withDir(client), mode, NAMER);

        for (Action action : plan.actions()) {
            if (action instanceof Action.Delete delete) {
                assertThat(delete.toTrash()).as(action.toString()).isEqualTo(mode.isMirror());
            }
            if (action instanceof Action.Copy copy) {
                assertThat(copy.trashTarget()).as(action.toString())
                        .isEqualTo(mode.isMirror() && copy.targetBefore() != null);
            }
        }
    }

    private static Map<String, FileEntry> withDir(String cell) {
        if (cell.equals("-")) {
            return tree(Entries.dir("dir"));
        }
        FileEntry entry = cell.endsWith("x") ? exec(PATH, cell.substring(0, 1)) : file(PATH, cell);
        return tree(Entries.dir("dir"), entry);
    }

    private static Map<String, String> expectedFolder(String cell, Mode mode) {
        Map<String, String> folder = new TreeMap<>();
        folder.put("dir", "/");
        if (cell.equals("-")) {
            return folder;
        }
        String[] parts = cell.split("\\+");
        folder.put(PATH, parts[0].endsWith("x") ? parts[0].substring(0, 1) + "*x" : parts[0]);
        if (parts.length == 2) {
            Side loser = mode == Mode.UNION_CLIENT_WINS ? Side.SERVER : Side.CLIENT;
            folder.put(NAMER.name(PATH, loser), parts[1]);
        }
        return folder;
    }
}
