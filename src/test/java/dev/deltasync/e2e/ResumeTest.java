package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rsync.Sha256;

/**
 * A transfer cut off at ~90 % by the network (a proxy closes both sides) resumes on the next sync: it moves at most
 * 15 % of the file again, and the result is verified.
 */
class ResumeTest {

    static final int SIZE = 16 << 20;

    @TempDir
    Path tmp;
    Path server;
    Path client;
    int port;

    @BeforeEach
    void folders() throws IOException {
        server = Files.createDirectories(tmp.resolve("server"));
        client = Files.createDirectories(tmp.resolve("client"));
        port = Peers.freePort();
    }

    static void writeRandom(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    /** Cuts the first sync after 90 % of {@code size} went {@code way}, then syncs again: the bytes that went again. */
    static long cutThenResume(Path client, int serverPort, CuttingProxy.Way way, long size) throws IOException {
        try (CuttingProxy proxy = new CuttingProxy(serverPort)) {
            proxy.cutAfter(way, size * 9 / 10);
            int first = Peers.clientOnce(client, proxy.port(), "secret");
            assertThat(proxy.hasCut()).as("the proxy cut the transfer").isTrue();
            assertThat(first).as("exit code of the cut sync").isNotZero();
            proxy.heal();
            long before = proxy.bytes(way);
            assertThat(Peers.clientOnce(client, proxy.port(), "secret")).as("exit code of the resumed sync").isZero();
            return proxy.bytes(way) - before;
        }
    }

    @Test
    void aNewFileDownloadCutAt90PercentResumes() throws Exception {
        writeRandom(server.resolve("big.bin"), SIZE, 1);
        String hash = Sha256.hex(server.resolve("big.bin"));
        try (Peers.Running s = Peers.server(server, port, 0, "secret")) {
            long again = cutThenResume(client, port, CuttingProxy.Way.DOWN, SIZE);

            assertThat(again).as("bytes downloaded again").isLessThan(SIZE * 15L / 100);
            assertThat(Sha256.hex(client.resolve("big.bin"))).isEqualTo(hash);
            assertThat(partials(client)).as("the client's partial is gone once installed").isEmpty();
        }
    }

    @Test
    void aNewFileUploadCutAt90PercentResumes() throws Exception {
        writeRandom(client.resolve("big.bin"), SIZE, 2);
        String hash = Sha256.hex(client.resolve("big.bin"));
        try (Peers.Running s = Peers.server(server, port, 0, "secret")) {
            long again = cutThenResume(client, port, CuttingProxy.Way.UP, SIZE);

            assertThat(again).as("bytes uploaded again").isLessThan(SIZE * 15L / 100);
            assertThat(Sha256.hex(server.resolve("big.bin"))).isEqualTo(hash);
            assertThat(partials(server)).as("the server's partial is gone once installed").isEmpty();
        }
    }

    static List<Path> partials(Path folder) throws IOException {
        Path dir = folder.resolve(".deltasync/partial");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
