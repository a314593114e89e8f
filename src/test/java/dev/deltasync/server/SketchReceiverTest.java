package dev.deltasync.server;

import dev.deltasync.manifest.ManifestKeys;
import dev.deltasync.manifest.ManifestSketch;
import dev.deltasync.rpc.RemoteException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.KeySketch;
import dev.deltasync.wire.ManifestRequest;
import dev.deltasync.wire.WireLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's side of a first-contact key sketch, request by request, as the client drives it. */
class SketchReceiverTest {

    private static final int KEY_BYTES = 4;

    @TempDir
    Path tmp;

    private static List<FileEntry> files(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> FileEntry.file(prefix + i + ".txt", 10 + i, 1_000L, false,
                String.format("%064x", (long) prefix.hashCode() * 1_000_003L + i))).toList();
    }

    private static List<FileEntry> plus(List<FileEntry> a, List<FileEntry> b) {
        List<FileEntry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The client's side: its entries in key order, its sketch, and the symbols it has sent. */
    private final class Client {
        final List<FileEntry> byKey;
        final KeySketch sketch;

        Client(List<FileEntry> entries) {
            ManifestSketch.ByKey sorted = ManifestSketch.byKey(entries, KEY_BYTES);
            byKey = sorted.entries();
            sketch = new KeySketch(sorted.keys());
        }

        SketchReceiver.Step send(SketchReceiver server, List<FileEntry> serverEntries, long upTo) throws IOException {
            long from = sketch.made();
            Path spool = Files.createTempFile(tmp, "symbols", ".bin");
            try (OutputStream out = Files.newOutputStream(spool)) {
                ManifestSketch.write(sketch.symbols((int) (upTo - from)), KEY_BYTES, out);
            }
            ManifestRequest request = new ManifestRequest("", true, KEY_BYTES,
                    new ManifestRequest.Sketch(from, byKey.size()));
            return server.take(request, spool, () -> serverEntries, WireLimits.DEFAULT_MAX_FRAME);
        }

        /** Drives the exchange as RemoteFolderClient does; returns the final step and counts the requests. */
        SketchReceiver.Step run(SketchReceiver server, List<FileEntry> serverEntries, List<Integer> requests)
                throws IOException {
            SketchReceiver.Step step = send(server, serverEntries, ManifestSketch.FIRST_SYMBOLS);
            requests.add(1);
            while (step.split() == null && step.moreSymbols() > 0) {
                step = send(server, serverEntries, step.moreSymbols());
                requests.add(1);
            }
            return step;
        }
    }

    @Test
    void askingForMoreUntilDecodedGivesTheClientTheServersTree() throws IOException {
        List<FileEntry> shared = files("shared-", 3000);
        List<FileEntry> clientEntries = plus(shared, files("client-", 150));
        List<FileEntry> serverEntries = plus(shared, files("server-", 150));
        Client client = new Client(clientEntries);
        List<Integer> requests = new ArrayList<>();

        SketchReceiver.Step step = client.run(new SketchReceiver(), serverEntries, requests);

        assertThat(step.split()).isNotNull();
        assertThat(requests).as("300 differences take more than the first 32 symbols").hasSizeGreaterThan(1);
        assertThat(client.sketch.made()).as("about 1.5 symbols per difference").isBetween(300L, 900L);
        ManifestKeys.Split split = step.split().apply(serverEntries);
        assertThat(split.theyLack()).extracting(FileEntry::path).allMatch(p -> p.startsWith("server-")).hasSize(150);
        Map<String, FileEntry> tree = ManifestKeys.tree(split.theyLack(), split.same(), client.byKey);
        assertThat(tree.keySet()).containsExactlyInAnyOrderElementsOf(
                serverEntries.stream().map(FileEntry::path).toList());
    }

    @Test
    void anEmptyServerAnswersAtOnceThatItHasNothing() throws IOException {
        Client client = new Client(files("client-", 5000));

        SketchReceiver.Step step = client.send(new SketchReceiver(), List.of(), 312);

        ManifestKeys.Split split = step.split().apply(List.of());
        assertThat(split.same().cardinality()).isZero();
        assertThat(ManifestKeys.tree(split.theyLack(), split.same(), client.byKey)).isEmpty();
    }

    @Test
    void aDifferenceTooLargeToBeWorthItEndsInAskingForThePlainKeys() throws IOException {
        Client client = new Client(files("client-", 2000));
        List<Integer> requests = new ArrayList<>();

        SketchReceiver.Step step = client.run(new SketchReceiver(), files("server-", 2000), requests);

        assertThat(step.split()).isNull();
        assertThat(step.moreSymbols()).isZero();
        assertThat(client.sketch.made()).isLessThanOrEqualTo(ManifestSketch.symbolLimit(2000, KEY_BYTES));
    }

    @Test
    void symbolsThatWereNotAskedForAreAProtocolError() throws IOException {
        List<FileEntry> shared = files("shared-", 3000);
        Client client = new Client(plus(shared, files("client-", 200)));
        SketchReceiver server = new SketchReceiver();
        SketchReceiver.Step first = client.send(server, shared, 187);
        assertThat(first.moreSymbols()).isGreaterThan(187);

        Client stranger = new Client(plus(shared, files("client-", 200)));
        stranger.sketch.symbols(100);
        assertThatThrownBy(() -> stranger.send(server, shared, 150)).isInstanceOf(RemoteException.class)
                .hasMessageContaining("not asked for");
        assertThatThrownBy(() -> new Client(shared).send(new SketchReceiver(), shared, 10_000))
                .as("more symbols than keys would cost").isInstanceOf(RemoteException.class)
                .hasMessageContaining("is not what was asked for");
    }

    @Test
    void aClaimOfMoreEntriesThanAnAnswerCouldHoldIsAProtocolError() throws IOException {
        Path spool = Files.createTempFile(tmp, "symbols", ".bin");
        try (OutputStream out = Files.newOutputStream(spool)) {
            ManifestSketch.write(new KeySketch(new long[] {1, 2, 3}).symbols(32), KEY_BYTES, out);
        }
        ManifestRequest request = new ManifestRequest("", true, KEY_BYTES,
                new ManifestRequest.Sketch(0, Integer.MAX_VALUE));

        assertThatThrownBy(() -> new SketchReceiver().take(request, spool, () -> files("s", 10),
                WireLimits.DEFAULT_MAX_FRAME)).isInstanceOf(RemoteException.class).hasMessageContaining("could not fit");
        assertThat(ManifestSketch.symbolLimit(Integer.MAX_VALUE, 8)).isEqualTo(ManifestSketch.MAX_SYMBOLS);
    }
}
