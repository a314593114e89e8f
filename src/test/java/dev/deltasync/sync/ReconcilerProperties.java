package dev.deltasync.sync;

import static dev.deltasync.sync.Entries.contents;
import static dev.deltasync.sync.RandomTrees.AS_BEFORE;
import static dev.deltasync.sync.RandomTrees.build;
import static dev.deltasync.sync.ReconcilerTableTest.NAMER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random small trees (files with a few contents and exec bits, directories, nesting) for the last-synced state and
 * both sides: whatever the combination, the plan runs cleanly against the strict simulator, both sides end
 * identical and as the mode promises, nothing changed is lost in union modes, and a second sync has nothing to do.
 */
class ReconcilerProperties {

    private static final List<String> UNIVERSE = List.of("a", "b", "d", "d/a", "d/b", "d/e", "d/e/a", "e");

    @Property(tries = 3000)
    void bothSidesConvergeAsTheModePromises(@ForAll("choices") List<Integer> baseChoices,
                                            @ForAll("choices") List<Integer> serverChoices,
                                            @ForAll("choices") List<Integer> clientChoices,
                                            @ForAll Mode mode) {
        Map<String, FileEntry> base = build(UNIVERSE, baseChoices, Map.of());
        Map<String, FileEntry> server = build(UNIVERSE, serverChoices, base);
        Map<String, FileEntry> client = build(UNIVERSE, clientChoices, base);

        Plan plan = Reconciler.reconcile(base, server, client, mode, NAMER);
        PlanSimulator after = new PlanSimulator(base, server, client).run(plan);

        Map<String, String> serverAfter = contents(after.folder(Side.SERVER));
        assertThat(contents(after.folder(Side.CLIENT))).isEqualTo(serverAfter);
        assertThat(contents(after.state())).isEqualTo(serverAfter);
        assertThat(Reconciler.reconcile(after.state(), after.folder(Side.SERVER), after.folder(Side.CLIENT), mode,
                NAMER).actions()).isEmpty();
        switch (mode) {
            case MIRROR_CLIENT_TO_SERVER -> assertThat(serverAfter).isEqualTo(contents(client));
            case MIRROR_SERVER_TO_CLIENT -> assertThat(serverAfter).isEqualTo(contents(server));
            default -> {
                assertChangesSurvive(base, server, serverAfter);
                assertChangesSurvive(base, client, serverAfter);
            }
        }
    }

    private static void assertChangesSurvive(Map<String, FileEntry> base, Map<String, FileEntry> side,
                                             Map<String, String> after) {
        side.forEach((path, entry) -> {
            if (!entry.isDir() && UnionPolicy.changed(base.get(path), entry)) {
                String content = contents(Map.of(path, entry)).get(path);
                assertThat(after.values()).as("changed content of %s survives", path).contains(content);
            }
        });
    }

    @Provide
    Arbitrary<List<Integer>> choices() {
        return Arbitraries.integers().between(0, AS_BEFORE).list().ofSize(UNIVERSE.size());
    }
}
