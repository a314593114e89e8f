package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seed's table, end to end through a real server and a real {@code client --once} on loopback:
 * server holds A,B,X; client holds A,C,X* (X* = X with other content).
 */
class SeedTableTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "mode {0} gives {1} with X = {2}")
    @CsvSource({
            "0, A B C X, client",
            "1, A B C X, server",
            "2, A C X,   client",
            "3, A B X,   server"})
    void modeTable(int mode, String expectedNames, String xWinner) throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        write(server, "A", "same A");
        write(server, "B", "only on the server");
        write(server, "X", "X as the server has it");
        write(client, "A", "same A");
        write(client, "C", "only on the client");
        write(client, "X", "X* as the client has it");

        int port = Peers.freePort();
        try (Peers.Running ignored = Peers.server(server, port, mode, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }

        String x = xWinner.equals("client") ? "X* as the client has it" : "X as the server has it";
        for (Path side : new Path[] {server, client}) {
            Map<String, String> files = plainFiles(side);
            assertThat(files.keySet()).as("files in %s", side)
                    .containsExactlyInAnyOrder(expectedNames.trim().split(" "));
            assertThat(files.get("X")).isEqualTo(x);
            assertThat(files.get("A")).isEqualTo("same A");
        }
        assertThat(plainFiles(server)).isEqualTo(plainFiles(client));
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** The synced files, without metadata and without conflict copies (those are checked elsewhere). */
    static Map<String, String> plainFiles(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && !rel.startsWith(".deltasync") && !rel.contains(".sync-conflict-")) {
                    files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
