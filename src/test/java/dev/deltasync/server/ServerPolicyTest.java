package dev.deltasync.server;

import dev.deltasync.rpc.RemoteException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.Mode;
import dev.deltasync.wire.Delete;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.GetFile;
import dev.deltasync.wire.ManifestRequest;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.Mkdir;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.PutFile;
import dev.deltasync.wire.PutLines;
import dev.deltasync.wire.Rename;

class ServerPolicyTest {

    private static final FileEntry FILE = FileEntry.file("a.txt", 3, 1_000L, false, "ab".repeat(32));
    private static final List<Message> CHANGES = List.of(new PutFile(FILE, "", ""), new PutBatch(List.of(FILE)),
            new PutLines(List.of(new PutLines.File(0, FILE, "cd".repeat(8)))), new Delete("a.txt", "", false),
            new Rename("a.txt", "b.txt", ""), new Mkdir("dir"));
    private static final List<Message> READS = List.of(new ManifestRequest(), new GetFile("a.txt", "", false));

    @Test
    void mode3RefusesEveryChangeNamingItAndLetsReadsThrough() {
        ServerPolicy policy = new ServerPolicy(Mode.MIRROR_SERVER_TO_CLIENT);
        for (Message change : CHANGES) {
            assertThatThrownBy(() -> policy.check(change, "client test"))
                    .as(change.toString()).isInstanceOfSatisfying(RemoteException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCodes.NOT_ALLOWED))
                    .hasMessageContaining("mode 3");
        }
        for (Message read : READS) {
            assertThatCode(() -> policy.check(read, "client test")).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = "MIRROR_SERVER_TO_CLIENT", mode = EnumSource.Mode.EXCLUDE)
    void otherModesLetClientsChangeTheServerButKeepWhatTheyReplaceInTheTrash(Mode mode) {
        ServerPolicy policy = new ServerPolicy(mode);
        for (Message change : CHANGES) {
            assertThatCode(() -> policy.check(change, "client test")).doesNotThrowAnyException();
        }
        assertThat(policy.trashesWhatClientsReplace()).isTrue();
    }
}
