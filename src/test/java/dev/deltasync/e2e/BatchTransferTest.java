package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.Error;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.PutBatchResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** New small files travel in batches both ways: a few bytes of overhead per file, and a bad file spoils only itself. */
class BatchTransferTest extends TwoFolders {

    @Test
    void twoThousandSmallFilesCostLittleMoreThanTheirCompressedContent() throws Exception {
        int files = 2000;
        long compressed = writeWordFiles(client, files, 9);

        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            Summary summary = Summary.capture(() -> Peers.clientOnce(client, port, ""));
            assertThat(summary.exitCode()).isZero();
            assertThat(summary.value("files")).isEqualTo(files);
            // one request per file would cost ~150 bytes each beyond the content (entry, frames, delta framing, ack)
            assertThat(summary.value("bytes_sent") + summary.value("bytes_received")).isLessThan(compressed + 60L * files);
        }
        for (int i = 0; i < files; i += 97) {
            String name = "d" + (i % 20) + "/f" + i + ".txt";
            assertThat(server.resolve(name)).hasSameBinaryContentAs(client.resolve(name));
        }
    }

    @Test
    void twoThousandSmallFilesOfTheServerComeDownInBatchesToo() throws Exception {
        int files = 2000;
        long compressed = writeWordFiles(server, files, 11);

        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            Summary summary = Summary.capture(() -> Peers.clientOnce(client, port, ""));
            assertThat(summary.exitCode()).isZero();
            assertThat(summary.value("files")).isEqualTo(files);
            // the manifest (path, size, mtime, 32-byte hash per file) comes down too: ~50 bytes a file
            assertThat(summary.value("bytes_sent") + summary.value("bytes_received")).isLessThan(compressed + 100L * files);
        }
        for (int i = 0; i < files; i += 97) {
            String name = "d" + (i % 20) + "/f" + i + ".txt";
            assertThat(client.resolve(name)).hasSameBinaryContentAs(server.resolve(name));
        }
    }

    @ParameterizedTest(name = "hash prefixes: {0}")
    @ValueSource(booleans = {false, true})
    void aFileThatDoesNotMatchItsEntryIsRefusedAloneAndTheOthersAreInstalled(boolean prefixes) throws Exception {
        byte[] good = "good content".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "bad content!".getBytes(StandardCharsets.UTF_8);
        FileEntry goodEntry = FileEntry.file("good.txt", good.length, 1_000L, false, Sha256.hex(good));
        FileEntry lying = FileEntry.file("lying.txt", bad.length, 1_000L, false, Sha256.hex(good));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(bad);
        stream.writeBytes(good);
        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
            try (RawPeer peer = RawPeer.authenticated(port, "")) {
                List<FileEntry> targets = List.of(lying, goodEntry);
                Message answer = peer.askWithStream(new PutBatch(prefixes ? PutBatch.withHashPrefixes(targets)
                        : targets), stream.toByteArray());

                assertThat(answer).isInstanceOf(PutBatchResult.class);
                assertThat(((PutBatchResult) answer).failed()).singleElement()
                        .satisfies(f -> assertThat(f.path()).isEqualTo("lying.txt"))
                        .satisfies(f -> assertThat(f.reason()).contains("does not match"));
            }
            // the next difference names the file with the whole hash, which the client checks what it fetches against
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }
        assertThat(client.resolve("good.txt")).hasBinaryContent(good);
        assertThat(server.resolve("good.txt")).hasBinaryContent(good);
        assertThat(server.resolve("lying.txt")).doesNotExist();
        try (var left = Files.list(server.resolve(".deltasync/tmp"))) {
            assertThat(left).as("no temp file left behind").isEmpty();
        }
    }

    @Test
    void aBatchNamingAPathOutsideTheFolderIsRefusedWhole() throws Exception {
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);
        FileEntry fine = FileEntry.file("fine.txt", 1, 1_000L, false, Sha256.hex(content));
        FileEntry escaping = FileEntry.file("../escaped.txt", 1, 1_000L, false, Sha256.hex(content));
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            Message answer = peer.askWithStream(new PutBatch(List.of(fine, escaping)), new byte[] {'x', 'x'});

            assertThat(answer).isInstanceOf(Error.class);
            assertThat(((Error) answer).code()).isEqualTo(ErrorCodes.BAD_PATH);
        }
        assertThat(server.resolve("fine.txt")).doesNotExist();
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }

    /** Writes 1 KiB text files into {@code dir}; returns the size of all their content through zstd. */
    private static long writeWordFiles(Path dir, int files, long seed) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < files; i++) {
            byte[] text = words(random, 1024);
            all.writeBytes(text);
            Path file = dir.resolve("d" + (i % 20) + "/f" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.write(file, text);
        }
        return Zstd.compress(all.toByteArray(), 3).length;
    }

    private static byte[] words(Random random, int length) {
        String[] vocabulary = {"sync", "delta", "block", "file", "server", "client", "hash", "rolling", "the", "a"};
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(vocabulary[random.nextInt(vocabulary.length)]).append(random.nextInt(7) == 0 ? '\n' : ' ');
        }
        return text.substring(0, length).getBytes(StandardCharsets.UTF_8);
    }
}
