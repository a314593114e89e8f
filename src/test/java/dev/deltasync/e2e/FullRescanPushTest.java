package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.camel.DeltaSyncRunner;
import dev.deltasync.camel.ServerHub;
import dev.deltasync.watch.ChangeBatch;
import dev.deltasync.wire.Changed;
import dev.deltasync.wire.Message;

/**
 * A full rescan (at start-up, every {@code rescan-ms}, after a watcher failure) tells the live clients only what it
 * found changed: with a thousand clients, a "reconcile everything" after each rescan is a thousand needless cycles.
 */
class FullRescanPushTest {

    @TempDir
    Path tmp;

    @Test
    void aFullRescanThatFindsNothingNewTellsNoClientAndOneThatDoesNamesThePaths() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Files.writeString(server.resolve("kept.txt"), "kept\n");
        int port = Peers.freePort();
        DeltaSyncRunner runner = DeltaSyncRunner.server(Peers.serverProps(server, port, 0, "s3cret"));
        ServerHub hub = (ServerHub) runner.role().beans().get("serverHub");
        try (Peers.Running s = Peers.running(runner, port)) {
            assertThat(Peers.clientOnce(Files.createDirectories(tmp.resolve("client")), port, "s3cret")).isZero();
            try (RawPeer client = RawPeer.authenticated(port, "s3cret")) {
                hub.onLocalChanges(ChangeBatch.full(), null, null);
                hub.onLocalChanges(ChangeBatch.full(), null, null);
                hub.onLocalChanges(ChangeBatch.full(), null, null);

                Files.writeString(server.resolve("new.txt"), "written while the server ran\n");
                hub.onLocalChanges(ChangeBatch.full(), null, null);

                Changed first = nextPush(client);
                assertThat(first.paths()).as("the first push a client gets after three rescans of an unchanged folder")
                        .containsExactly("new.txt");
            }
        }
    }

    private static Changed nextPush(RawPeer peer) throws java.io.IOException {
        Message message = peer.receive();
        while (!(message instanceof Changed)) {
            message = peer.receive();
        }
        return (Changed) message;
    }
}
