package dev.deltasync.sync;

import static dev.deltasync.sync.RandomTrees.AS_BEFORE;
import static dev.deltasync.sync.RandomTrees.build;
import static dev.deltasync.sync.ReconcilerTableTest.NAMER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A live cycle reconciles only the {@link PathsInPlay}: the paths left pending by the cycle before (where the
 * last-synced state and the sides still differ), and the paths each side's change source reports since. For random
 * trees, earlier leftovers, edits on both sides and every mode, its plan is the plan of reconciling every path.
 * The change sources report as a watcher does: a new directory with new entries under it is reported by its
 * deepest entries only, so the paths in play must bring their parents in; dropping any class of path (the
 * pending ones, one side's changes, removed paths such as a rename's source, the parents) makes this fail.
 */
class PathsInPlayProperties {

    private static final List<String> UNIVERSE = List.of("a", "b", "d", "d/a", "d/b", "d/e", "d/e/a", "d/e/b",
            "e", "f", "f/g", "f/g/h", "f/g/h/a");

    @Property(tries = 4000)
    void reconcilingThePathsInPlayPlansWhatReconcilingEveryPathPlans(
            @ForAll("trees") List<Integer> before, @ForAll("edits") List<Integer> leftOnServer,
            @ForAll("edits") List<Integer> leftOnClient, @ForAll("edits") List<Integer> serverEdits,
            @ForAll("edits") List<Integer> clientEdits, @ForAll Mode mode) {
        Map<String, FileEntry> base = build(UNIVERSE, before, Map.of());
        // what earlier cycles left unlike (their actions failed, or were left alone): pending
        Map<String, FileEntry> serverBefore = build(UNIVERSE, leftOnServer, base);
        Map<String, FileEntry> clientBefore = build(UNIVERSE, leftOnClient, base);
        Set<String> pending = new HashSet<>(differing(base, serverBefore));
        pending.addAll(differing(base, clientBefore));
        Map<String, FileEntry> server = build(UNIVERSE, serverEdits, serverBefore);
        Map<String, FileEntry> client = build(UNIVERSE, clientEdits, clientBefore);
        Set<String> changed = new HashSet<>(pending);
        changed.addAll(asAWatcherReports(serverBefore, server));
        changed.addAll(asAWatcherReports(clientBefore, client));

        Plan whole = Reconciler.reconcile(base, server, client, mode, NAMER);
        PathsInPlay inPlay = PathsInPlay.of(changed);
        Plan partial = Reconciler.reconcile(inPlay.select(base, e -> true), inPlay.select(server, e -> true),
                inPlay.select(client, e -> true), mode, NAMER, whole.filesBefore());

        assertThat(partial).isEqualTo(whole);
    }

    @Property(tries = 200)
    void everyPathInPlayComesWithItsParents(@ForAll("paths") Set<String> changed) {
        PathsInPlay inPlay = PathsInPlay.of(changed);
        for (String path : inPlay.paths()) {
            String parent = TreeRepair.parentOf(path);
            assertThat(parent == null || inPlay.paths().contains(parent)).as("parent of %s", path).isTrue();
        }
        assertThat(inPlay.paths()).containsAll(changed);
    }

    /** The paths whose entries differ, without a new directory's path when something under it is reported. */
    private static Set<String> asAWatcherReports(Map<String, FileEntry> before, Map<String, FileEntry> after) {
        Set<String> differing = differing(before, after);
        Set<String> reported = new HashSet<>(differing);
        for (String path : differing) {
            for (String parent = TreeRepair.parentOf(path); parent != null; parent = TreeRepair.parentOf(parent)) {
                FileEntry was = before.get(parent);
                if (differing.contains(parent) && (was == null || !was.isDir())) {
                    reported.remove(parent);
                }
            }
        }
        return reported;
    }

    private static Set<String> differing(Map<String, FileEntry> before, Map<String, FileEntry> after) {
        Set<String> paths = new HashSet<>();
        for (String path : UNIVERSE) {
            if (!Objects.equals(before.get(path), after.get(path))) {
                paths.add(path);
            }
        }
        return paths;
    }

    @Provide
    Arbitrary<List<Integer>> trees() {
        return Arbitraries.integers().between(0, 5).list().ofSize(UNIVERSE.size());
    }

    /** Mostly as before, as between two live cycles. */
    @Provide
    Arbitrary<List<Integer>> edits() {
        return Arbitraries.frequency(Tuple.of(12, AS_BEFORE), Tuple.of(1, 0), Tuple.of(1, 1), Tuple.of(1, 2),
                        Tuple.of(1, 3), Tuple.of(1, 4), Tuple.of(1, 5))
                .list().ofSize(UNIVERSE.size());
    }

    @Provide
    Arbitrary<Set<String>> paths() {
        return Arbitraries.of(UNIVERSE).set().ofMaxSize(5);
    }
}
