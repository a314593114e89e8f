package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rsync.Sha256;

/**
 * kill -9 of the receiving server in the middle of a 64 MiB upload, with the real jar in real processes: the
 * restarted server keeps what had arrived, and the next sync sends only the rest.
 */
class ResumeAfterKillIT {

    private static final long SIZE = 64L << 20;
    private static final Path JAR = Path.of("target/deltasync.jar");

    @TempDir
    Path tmp;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killAll() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aServerKilledMidUploadResumesItAfterItsRestart() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        ResumeTest.writeRandom(client.resolve("big.bin"), SIZE, 31);
        String hash = Sha256.hex(client.resolve("big.bin"));
        int port = Peers.freePort();
        String[] serverArgs = {"server", "--dir", server.toString(), "--port", Integer.toString(port)};
        Process srv = start(serverArgs);
        awaitListening(port);
        start("client", "--dir", client.toString(), "--port", Integer.toString(port), "--once");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                .until(() -> largestSpool(server) > SIZE / 2);
        srv.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        start(serverArgs);
        awaitListening(port);
        Path log = tmp.resolve("resumed.txt");
        Process again = start(log, "client", "--dir", client.toString(), "--port", Integer.toString(port), "--once");
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(again.exitValue()).isZero();
        assertThat(Sha256.hex(server.resolve("big.bin"))).isEqualTo(hash);
        Matcher sent = Pattern.compile("bytes_sent=(\\d+)").matcher(Files.readString(log));
        assertThat(sent.find()).as("the summary line").isTrue();
        assertThat(Long.parseLong(sent.group(1))).as("bytes sent after the restart, over half had arrived")
                .isLessThan(SIZE / 2);
    }

    private static long largestSpool(Path folder) throws IOException {
        Path partial = folder.resolve(".deltasync/partial");
        if (!Files.isDirectory(partial)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(partial)) {
            return files.filter(p -> p.toString().endsWith(".spool")).mapToLong(p -> p.toFile().length()).max()
                    .orElse(0);
        }
    }

    private Process start(String... args) throws IOException {
        return start(tmp.resolve("log-" + processes.size() + ".txt"), args);
    }

    private Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private static void awaitListening(int port) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
