package dev.deltasync.server;

import dev.deltasync.manifest.ManifestKeys;
import dev.deltasync.manifest.ManifestSketch;
import dev.deltasync.rpc.RemoteException;

import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.KeySketch;
import dev.deltasync.sync.KeySketchDecoder;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.ManifestChunker;
import dev.deltasync.wire.ManifestRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of a client's first-contact key sketch, one per connection: subtracts our keys from the
 * symbols request after request, and says either how to split our manifest against the client's keys (once the
 * difference is decoded, or at once when we have no entries) or how many symbols to ask for next.
 */
final class SketchReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(SketchReceiver.class);

    /**
     * @param split        how to split our entries against the client's keys; null: ask for more
     * @param moreSymbols  with no split, the symbols to ask for in all (0: the plain keys instead)
     */
    record Step(Function<List<FileEntry>, ManifestKeys.Split> split, long moreSymbols) {
    }

    private record Sketch(int keyBytes, int theirEntries, long[] ourKeys, KeySketchDecoder decoder) {
    }

    /** Our entries as a scan sees them now. */
    @FunctionalInterface
    interface OurEntries {
        List<FileEntry> scan() throws IOException;
    }

    private Sketch sketch;

    /** @param ourEntries scanned only when a new sketch starts */
    synchronized Step take(ManifestRequest request, Path symbols, OurEntries ourEntries, int maxFrame)
            throws IOException {
        ManifestRequest.Sketch part = request.sketch();
        int keyBytes = request.keyBytes();
        if (!ManifestChunker.fits(part.entries(), maxFrame)) {
            throw new RemoteException(ErrorCodes.PROTOCOL, "a key sketch of " + part.entries()
                    + " entries: the answer's bits for them could not fit in a frame");
        }
        if (part.from() == 0) {
            long[] ourKeys = ManifestSketch.keys(ourEntries.scan(), keyBytes);
            Arrays.sort(ourKeys);
            boolean distinct = true;
            for (int i = 1; i < ourKeys.length && distinct; i++) {
                distinct = ourKeys[i] != ourKeys[i - 1];
            }
            sketch = new Sketch(keyBytes, part.entries(), ourKeys,
                    distinct ? new KeySketchDecoder(ourKeys, keyBytes, part.entries()) : null);
        }
        Sketch current = sketch;
        if (current == null || current.keyBytes() != keyBytes || current.theirEntries() != part.entries()
                || current.decoder() != null && current.decoder().received() != part.from()) {
            throw new RemoteException(ErrorCodes.PROTOCOL, "a key sketch continued from symbol " + part.from()
                    + " that was not asked for");
        }
        long limit = ManifestSketch.symbolLimit(part.entries(), keyBytes);
        KeySketch.Symbols received = ManifestSketch.read(symbols, part.from(), keyBytes, limit);
        if (current.ourKeys().length == 0) {
            sketch = null;
            return new Step(entries -> new ManifestKeys.Split(entries, new BitSet()), 0);
        }
        if (current.decoder() == null) {
            sketch = null;
            LOG.debug("Two of our own {}-byte keys collide: asking for the client's plain keys", keyBytes);
            return new Step(null, 0);
        }
        KeySketchDecoder decoder = current.decoder();
        decoder.add(received);
        if (decoder.decoded()) {
            sketch = null;
            long[] theirKeys = theirKeys(current.ourKeys(), decoder);
            LOG.debug("Key sketch decoded from {} symbols: the client lacks {} of our entries and has {} we lack",
                    decoder.received(), decoder.oursOnly().size(), decoder.theirsOnly().size());
            return new Step(entries -> ManifestKeys.split(entries, theirKeys, keyBytes), 0);
        }
        long wanted = decoder.failed() ? 0 : Math.min(decoder.wanted(), limit);
        if (wanted <= decoder.received()) {
            wanted = 0;
        }
        if (wanted == 0) {
            sketch = null;
        }
        return new Step(null, wanted);
    }

    /** The client's keys in ascending order: ours without those it lacks, and those only it has. */
    private static long[] theirKeys(long[] ourKeys, KeySketchDecoder decoder) {
        Set<Long> oursOnly = decoder.oursOnly();
        long[] theirs = LongStream.concat(
                Arrays.stream(ourKeys).filter(key -> !oursOnly.contains(key)),
                decoder.theirsOnly().stream().mapToLong(Long::longValue)).toArray();
        Arrays.sort(theirs);
        return theirs;
    }
}
