package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

import dev.deltasync.camel.DeltaSyncRunner;

/**
 * A one-shot client started while the server's watcher still holds a write in its quiet period gets that write: the
 * server answers its first manifest request once those paths reached its scan.
 */
class OnceAfterServerWriteTest extends TwoFolders {

    /** Wide enough that a --once started right after a write always falls inside it. */
    private static final String QUIET_MS = "1500";

    @Test
    void aOnceClientRightAfterAServerWriteGetsIt() throws Exception {
        Files.writeString(server.resolve("a.txt"), "version 1");
        try (Peers.Running s = serverWithQuietPeriod()) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            assertThat(client.resolve("a.txt")).hasContent("version 1");
            // by now the watcher's start-up rescan was consumed: scans rescan only what the watcher reports
            assertThat(Peers.clientOnce(client, port, "")).isZero();

            // the client holds the server's manifest now: this one asks for the difference since it
            Files.writeString(server.resolve("a.txt"), "version 2, written right before the client started");
            Files.writeString(server.resolve("b.txt"), "new on the server");
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            assertThat(client.resolve("a.txt")).hasContent("version 2, written right before the client started");
            assertThat(client.resolve("b.txt")).hasContent("new on the server");

            // first contact: a client that never synced asks for the whole manifest
            Path fresh = Files.createDirectories(tmp.resolve("fresh-client"));
            Files.writeString(server.resolve("c.txt"), "written right before a first contact");
            assertThat(Peers.clientOnce(fresh, port, "")).isZero();
            assertThat(fresh.resolve("c.txt")).hasContent("written right before a first contact");
            assertThat(fresh.resolve("a.txt")).hasContent("version 2, written right before the client started");
        }
    }

    @Test
    void aFileWrittenWithoutPauseHoldsTheOnceOnlyUpToTheBound() throws Exception {
        Files.writeString(server.resolve("a.txt"), "there before");
        try (Peers.Running s = serverWithQuietPeriod("500")) {
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                try (var out = Files.newOutputStream(server.resolve("endless.log"))) {
                    while (writing.get()) {
                        out.write("a line\n".getBytes());
                        out.flush();
                        LockSupport.parkNanos(20_000_000);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "endless-writer");
            writer.start();
            try {
                // the server waits at most 2 x 500 ms + 1 s for endless.log, then answers anyway
                int exit = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Peers.clientOnce(client, port, ""));
                assertThat(exit).isIn(0, 1); // endless.log may be refused as changed while sent
                assertThat(client.resolve("a.txt")).hasContent("there before");
            } finally {
                writing.set(false);
                writer.join();
            }
        }
    }

    private Peers.Running serverWithQuietPeriod() {
        return serverWithQuietPeriod(QUIET_MS);
    }

    private Peers.Running serverWithQuietPeriod(String quietMs) {
        Map<String, String> props = Peers.serverProps(server, port, 0, "");
        props.put("deltasync.quiet-ms", quietMs);
        return Peers.running(DeltaSyncRunner.server(props), port);
    }
}
