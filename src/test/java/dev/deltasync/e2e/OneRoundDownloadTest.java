package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

import dev.deltasync.rsync.Sha256;
import dev.deltasync.wire.MessageType;

/**
 * A warm download of an edited big file is one request: the server keeps the signature of every version of a big
 * file it held (built from the reads and writes it does anyway) and answers a client that names its version with a
 * delta against it, no refinement round. What the server cannot match that way goes by the rounds, and the result is
 * verified whole either way.
 */
class OneRoundDownloadTest extends TwoFolders {

    private static final int SIZE = 3 << 20;

    @Test
    void anEditedBigFileComesDownInOneRequestAgainstTheServersSignatureOfTheClientsVersion() throws Exception {
        byte[] old = randomBytes(new Random(3), SIZE);
        byte[] edited = edit(old, new Random(4));
        writeOld(server.resolve("disk.img"), old);
        writeOld(client.resolve("disk.img"), old);
        try (Peers.Running s = Peers.server(server, port, 3, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            // the server's index at start read the file to hash it: that read made the signature
            Path kept = server.resolve(".deltasync/signatures").resolve(Sha256.hex(old));
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(kept));
            Files.write(server.resolve("disk.img"), edited);

            try (FrameTypeProxy proxy = new FrameTypeProxy(port)) {
                Summary summary = Summary.capture(() -> Peers.clientOnce(client, proxy.port(), ""));
                assertThat(summary.exitCode()).isZero();
                assertThat(proxy.sent(MessageType.GET_RANGE_SIGNATURES) + proxy.sent(MessageType.GET_SHARED_ROUND))
                        .as("refinement rounds asked for").isZero();
                assertThat(proxy.sent(MessageType.GET_RANGES)).isZero();
                assertThat(proxy.sent(MessageType.GET_FILE)).isEqualTo(1);
                // 100 inserted bytes and 10 flipped ones: ~11 blocks of 256 B of literals (refined: ~9 KB)
                assertThat(summary.value("bytes_received")).isLessThan(6_000);
            }
        }
        assertThat(Files.readAllBytes(client.resolve("disk.img"))).isEqualTo(edited);
    }

    @Test
    void withoutTheServersSignatureTheDownloadIsRefinedAsBefore() throws Exception {
        byte[] old = randomBytes(new Random(5), SIZE);
        byte[] edited = edit(old, new Random(6));
        writeOld(server.resolve("disk.img"), old);
        writeOld(client.resolve("disk.img"), old);
        try (Peers.Running s = Peers.server(server, port, 3, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            Path kept = server.resolve(".deltasync/signatures").resolve(Sha256.hex(old));
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(kept));
            Files.delete(kept);
            Files.write(server.resolve("disk.img"), edited);

            try (FrameTypeProxy proxy = new FrameTypeProxy(port)) {
                Summary summary = Summary.capture(() -> Peers.clientOnce(client, proxy.port(), ""));
                assertThat(summary.exitCode()).isZero();
                assertThat(proxy.sent(MessageType.GET_RANGE_SIGNATURES) + proxy.sent(MessageType.GET_SHARED_ROUND))
                        .as("refinement rounds asked for").isPositive();
                assertThat(summary.value("bytes_received")).isLessThan(20_000);
            }
        }
        assertThat(Files.readAllBytes(client.resolve("disk.img"))).isEqualTo(edited);
    }

    @Test
    void aServerWithItsSignatureCacheSwitchedOffKeepsNoneAndStillServesTheDownloadByRounds() throws Exception {
        byte[] old = randomBytes(new Random(9), SIZE);
        byte[] edited = edit(old, new Random(10));
        writeOld(server.resolve("disk.img"), old);
        writeOld(client.resolve("disk.img"), old);
        java.util.Map<String, String> props = Peers.serverProps(server, port, 3, "");
        props.put("deltasync.signature-cache-mb", "0");
        try (Peers.Running s = Peers.running(dev.deltasync.camel.DeltaSyncRunner.server(props), port)) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            Files.write(server.resolve("disk.img"), edited);

            try (FrameTypeProxy proxy = new FrameTypeProxy(port)) {
                assertThat(Peers.clientOnce(client, proxy.port(), "")).isZero();
                assertThat(proxy.sent(MessageType.GET_RANGE_SIGNATURES) + proxy.sent(MessageType.GET_SHARED_ROUND))
                        .as("refinement rounds asked for").isPositive();
            }
            // the index at start and the send both read the file: with the cache on, each would have kept one
            Path signatures = server.resolve(".deltasync/signatures");
            assertThat(signatures.resolve(Sha256.hex(old))).doesNotExist();
            assertThat(signatures.resolve(Sha256.hex(edited))).doesNotExist();
        }
        assertThat(Files.readAllBytes(client.resolve("disk.img"))).isEqualTo(edited);
    }

    @Test
    void aServerSignatureThatDoesNotDescribeTheClientsCopyNeverInstallsAWrongFile() throws Exception {
        byte[] old = randomBytes(new Random(7), SIZE);
        byte[] edited = old.clone();
        for (int at = 100_000; at < SIZE; at += 1_000_000) {
            edited[at] ^= 1;
        }
        writeOld(server.resolve("disk.img"), old);
        writeOld(client.resolve("disk.img"), old);
        try (Peers.Running s = Peers.server(server, port, 3, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            Path kept = server.resolve(".deltasync/signatures").resolve(Sha256.hex(old));
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.isRegularFile(kept));
            // named and stamped as the client's version, but describing the server's new one: every block
            // matches, the delta copies the client's old bytes where the edits are, the client's check of the
            // result refuses it, and the file comes again in one round
            Files.write(kept, lyingSignature(edited, old));
            Files.write(server.resolve("disk.img"), edited);

            Summary summary = Summary.capture(() -> Peers.clientOnce(client, port, ""));
            assertThat(summary.exitCode()).isZero();
            assertThat(summary.value("files")).isEqualTo(1);
            assertThat(summary.value("literal")).as("sent again in one round").isPositive();
        }
        assertThat(Files.readAllBytes(client.resolve("disk.img"))).isEqualTo(edited);
    }

    /** The signature of {@code content} in the cache's 256-byte blocks, stamped with the SHA-256 of {@code claimed}. */
    private static byte[] lyingSignature(byte[] content, byte[] claimed) throws Exception {
        return LyingSignatures.stampedAs(dev.deltasync.rsync.SignatureBuilder.build(
                new java.io.ByteArrayInputStream(content), content.length, 256), claimed);
    }

    /** 100 bytes inserted in the middle and 10 bytes flipped here and there. */
    private static byte[] edit(byte[] old, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(old, 0, old.length / 2);
        out.writeBytes(randomBytes(random, 100));
        out.write(old, old.length / 2, old.length - old.length / 2);
        byte[] edited = out.toByteArray();
        for (int i = 0; i < 10; i++) {
            edited[random.nextInt(edited.length)] ^= 0x5A;
        }
        return edited;
    }

    /** Old mtimes, so that the scans trust size and mtime as they do for files at rest. */
    private static void writeOld(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L));
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
