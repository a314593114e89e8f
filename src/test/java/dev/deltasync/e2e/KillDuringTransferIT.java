package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rsync.Sha256;

/**
 * kill -9 of either side in the middle of a 200 MiB transfer, with the real jar in real processes:
 * the target is afterwards either the old or the new file, never a partial one, and the next sync completes.
 */
class KillDuringTransferIT {

    private static final int SIZE = 200 * 1024 * 1024;
    private static final Path JAR = Path.of("target/deltasync.jar");

    @TempDir
    Path tmp;
    Path server;
    Path client;
    int port;
    String oldHash;
    String newHash;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void bigFiles() throws IOException {
        server = Files.createDirectories(tmp.resolve("server"));
        client = Files.createDirectories(tmp.resolve("client"));
        port = Peers.freePort();
        writeRandom(server.resolve("big.bin"), 1);
        writeRandom(client.resolve("big.bin"), 2);
        oldHash = Sha256.hex(server.resolve("big.bin"));
        newHash = Sha256.hex(client.resolve("big.bin"));
    }

    @AfterEach
    void killAll() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void killingTheClientMidUploadLeavesTheServerFileWholeAndTheNextSyncCompletes() throws Exception {
        Process srv = start("server", "--dir", server.toString(), "--port", Integer.toString(port), "--mode", "2");
        awaitListening();
        Process cli = start("client", "--dir", client.toString(), "--port", Integer.toString(port), "--once");
        awaitIncomingData(server);
        cli.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertThat(Sha256.hex(server.resolve("big.bin"))).as("server file after the client died").isEqualTo(oldHash);
        assertThat(syncOnce()).isZero();
        assertThat(Sha256.hex(server.resolve("big.bin"))).isEqualTo(newHash);
        assertThat(visibleFiles(server)).containsExactly("big.bin");
        srv.destroy();
    }

    @Test
    void killingTheServerMidUploadLeavesItsFileWholeAndARestartedServerCompletesTheSync() throws Exception {
        Process srv = start("server", "--dir", server.toString(), "--port", Integer.toString(port), "--mode", "2");
        awaitListening();
        Process cli = start("client", "--dir", client.toString(), "--port", Integer.toString(port), "--once");
        awaitIncomingData(server);
        srv.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as("client exit code when the server dies").isNotZero();

        assertThat(Sha256.hex(server.resolve("big.bin"))).as("server file after it was killed").isEqualTo(oldHash);
        start("server", "--dir", server.toString(), "--port", Integer.toString(port), "--mode", "2");
        awaitListening();
        assertThat(syncOnce()).isZero();
        assertThat(Sha256.hex(server.resolve("big.bin"))).isEqualTo(newHash);
        assertThat(visibleFiles(server)).containsExactly("big.bin");
    }

    private int syncOnce() throws Exception {
        Process again = start("client", "--dir", client.toString(), "--port", Integer.toString(port), "--once");
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return again.exitValue();
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log-" + processes.size() + ".txt").toFile())
                .start();
        processes.add(process);
        return process;
    }

    private void awaitListening() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * Waits until the server is receiving: a part file in its temp folder, or a big upload's spool in its partial
     * folder (where what arrived survives a kill, to be resumed), has started to grow.
     */
    private static void awaitIncomingData(Path folder) {
        Path meta = folder.resolve(".deltasync");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (!Files.isDirectory(meta)) {
                return false;
            }
            try (Stream<Path> parts = Files.walk(meta)) {
                return parts.filter(p -> p.startsWith(meta.resolve("tmp")) || p.toString().endsWith(".spool"))
                        .anyMatch(p -> {
                    try {
                        return Files.size(p) > 1024 * 1024;
                    } catch (IOException e) {
                        return false;
                    }
                });
            }
        });
    }

    private static List<String> visibleFiles(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".deltasync")).sorted().toList();
        }
    }

    private static void writeRandom(Path file, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < SIZE / chunk.length; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
    }
}
