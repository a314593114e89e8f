package dev.deltasync.lines;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The key of each line of a file in a line sketch: 32 bits of a hash of the line's bytes, of the file's index in
 * the sketch, and of how many equal lines came before it in the file, so that equal lines are distinct elements
 * and a line's key does not depend on where the line is. Both sides compute the same keys from the same bytes;
 * nothing here needs to resist an adversary (the result of an edit is checked by SHA-256, and a rare collision
 * only sends a file another way).
 */
public final class LineKeys {

    /** Bytes of a key on the wire. */
    public static final int KEY_BYTES = 4;

    private LineKeys() {
    }

    /** The keys of the lines of {@code content} (cut at {@code starts}), in line order. */
    public static long[] of(int file, byte[] content, int[] starts) {
        long[] keys = new long[starts.length - 1];
        Map<Long, Integer> seen = new HashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            long hash = hash(content, starts[i], starts[i + 1]);
            keys[i] = key(file, hash, seen.merge(hash, 1, Integer::sum) - 1);
        }
        return keys;
    }

    /** The key a line of bytes [from, to) has when {@code before} equal lines come before it in file {@code file}. */
    public static long key(int file, byte[] content, int from, int to, int before) {
        return key(file, hash(content, from, to), before);
    }

    private static long key(int file, long hash, int before) {
        return mix(hash ^ mix(file + 0x632BE59BD9B4E019L) ^ before * 0x9E3779B97F4A7C15L) & 0xFFFF_FFFFL;
    }

    /** Whether no two keys are equal (a collision inside one file makes it unfit for a line edit). */
    public static boolean distinct(long[] keys) {
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** FNV-1a over the bytes, then splitmix64's finaliser so every bit depends on every byte. */
    private static long hash(byte[] content, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h = (h ^ (content[i] & 0xff)) * 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
