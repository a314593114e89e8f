package dev.deltasync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/deltasync server}: the first run writes the class-data archive when it is stopped (the signal goes on to
 * the JVM, whose exit writes it), and the next run starts with it, the JVM in the launcher's place. On the base only a
 * {@code --once} run wrote the archive: after the first server run there was none.
 */
class LauncherServerArchiveIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @Test
    void aServersFirstRunWritesTheArchiveWhenStoppedAndTheNextRunStartsWithIt() throws Exception {
        Path archive = tmp.resolve("deltasync.jsa");
        Path folder = Files.createDirectories(tmp.resolve("shared"));

        Process first = launch(archive, folder, freePort(), tmp.resolve("first.log"));
        first.destroy(); // SIGTERM to the launcher's shell, as a service manager stops it
        assertThat(first.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("stopped").isTrue();

        assertThat(first.exitValue()).as("the JVM's exit on SIGTERM, passed on").isEqualTo(143);
        assertThat(archive).as("written at the JVM's exit").isNotEmptyFile();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }

        Process second = launch(archive, folder, freePort(), tmp.resolve("second.log"));
        try {
            assertThat(second.info().command()).as("the launcher's process is the JVM now (exec)")
                    .hasValueSatisfying(command -> assertThat(command).endsWith("java"));
        } finally {
            second.destroy();
            second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Starts the server through the launcher and waits until it listens. */
    private static Process launch(Path archive, Path folder, int port, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "bin/deltasync", "server", "--dir",
                folder.toString(), "--port", Integer.toString(port)));
        builder.environment().put("DELTASYNC_JAR", Path.of("target/deltasync.jar").toAbsolutePath().toString());
        builder.environment().put("DELTASYNC_CDS_ARCHIVE", archive.toString());
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(PATIENCE).until(() -> !process.isAlive() || listens(port));
        assertThat(process.isAlive()).as("the server started; its log: " + log).isTrue();
        return process;
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
