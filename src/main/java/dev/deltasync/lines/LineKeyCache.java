package dev.deltasync.lines;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The line keys ({@link LineKeys#of}, as file 0) of small text contents the server has had in hand, by content
 * hash, so that a push can send a line edit against the version its clients hold instead of the whole new content.
 * Bounded by the bytes of the keys it holds, the least recently used going first. Thread-safe.
 */
public final class LineKeyCache {

    /** Contents larger than this are never pushed (PushedStep.MAX_FILE), so their keys are of no use. */
    private final int maxFile;
    private final long maxBytes;
    private final Map<String, int[]> byHash = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    public LineKeyCache(int maxFile, long maxBytes) {
        this.maxFile = maxFile;
        this.maxBytes = maxBytes;
    }

    /** Takes note of {@code content}, whose SHA-256 is {@code hash}, if it is small text with distinct line keys. */
    public void remember(String hash, byte[] content) {
        if (content.length > maxFile || known(hash) || !Lines.looksLikeText(content)) {
            return;
        }
        long[] keys = LineKeys.of(0, content, Lines.starts(content));
        if (!LineKeys.distinct(keys)) {
            return; // LinePatch refuses such a base: an edit against it could not be applied
        }
        int[] packed = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            packed[i] = (int) keys[i];
        }
        keep(hash, packed);
    }

    private synchronized boolean known(String hash) {
        return byHash.containsKey(hash);
    }

    private synchronized void keep(String hash, int[] keys) {
        int[] before = byHash.put(hash, keys);
        bytes += cost(keys) - (before == null ? 0 : cost(before));
        Iterator<int[]> oldest = byHash.values().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            bytes -= cost(oldest.next());
            oldest.remove();
        }
    }

    /** The keys of the content with this hash, in line order, if known. */
    public synchronized Optional<long[]> keysOf(String hash) {
        int[] packed = byHash.get(hash);
        if (packed == null) {
            return Optional.empty();
        }
        long[] keys = new long[packed.length];
        for (int i = 0; i < packed.length; i++) {
            keys[i] = packed[i] & 0xFFFF_FFFFL;
        }
        return Optional.of(keys);
    }

    /** Key bytes held (what the bound counts; the map's own overhead is ~100 bytes an entry). */
    public synchronized long bytes() {
        return bytes;
    }

    private static long cost(int[] keys) {
        return 4L * keys.length + 100;
    }
}
