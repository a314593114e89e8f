package dev.deltasync.sync;

import static dev.deltasync.sync.Entries.file;
import static dev.deltasync.sync.ReconcilerTableTest.NAMER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MassDeleteGuardTest {

    @ParameterizedTest(name = "{0} files, {1} deleted on the server -> refused={2}")
    @CsvSource({
        "20, 15, true",
        "20, 11, true",
        "20, 10, false",
        "20, 0, false",
        "10, 10, false",
        "11, 11, true",
    })
    void refusesWhenMoreThanHalfOfASideWouldGo(int files, int deletedOnServer, boolean refused) {
        Map<String, FileEntry> base = new TreeMap<>();
        for (int i = 0; i < files; i++) {
            base.put("f" + i, file("f" + i, "c" + i));
        }
        Map<String, FileEntry> server = new TreeMap<>(base);
        for (int i = 0; i < deletedOnServer; i++) {
            server.remove("f" + i);
        }
        Plan plan = Reconciler.reconcile(base, server, base, Mode.UNION_CLIENT_WINS, NAMER);

        var refusal = MassDeleteGuard.check(plan);

        assertThat(refusal.isPresent()).isEqualTo(refused);
        refusal.ifPresent(r -> {
            assertThat(r.side()).isEqualTo(Side.CLIENT);
            assertThat(r.message()).contains(deletedOnServer + " of the " + files + " files on the client");
        });
    }
}
