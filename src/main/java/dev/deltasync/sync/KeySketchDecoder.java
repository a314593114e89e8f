package dev.deltasync.sync;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds which keys only the peer has and which only we have, from the peer's {@link KeySketch} symbols: each
 * received symbol minus ours holds only the differing keys; a symbol holding exactly one (count ±1, and its
 * check hash agrees) names it, and taking that key out of every symbol it is in frees others ("peeling").
 * Decoding is complete when every symbol received is empty; until then {@link #wanted()} says how many symbols
 * to ask for. A key is only believed if it is consistent with our own set, and a key peeled twice means the
 * sketch cannot be trusted ({@link #failed()}): the caller then falls back to plain keys.
 */
public final class KeySketchDecoder {

    private final long keyMask;
    private final KeySketch ours;
    private final Set<Long> ourKeys;
    private final Set<Long> theirsOnly = new HashSet<>();
    private final Set<Long> oursOnly = new HashSet<>();
    private int[] counts = new int[0];
    private long[] sums = new long[0];
    private long[] checks = new long[0];
    private int size;
    private boolean failed;

    /** @param ourKeys our distinct keys, of {@code keyBytes} bytes */
    public KeySketchDecoder(long[] ourKeys, int keyBytes) {
        this.keyMask = keyBytes >= 8 ? -1L : (1L << (8 * keyBytes)) - 1;
        this.ours = new KeySketch(ourKeys);
        this.ourKeys = new HashSet<>(ourKeys.length * 2);
        for (long key : ourKeys) {
            this.ourKeys.add(key);
        }
    }

    /** Symbols received so far. */
    public long received() {
        return size;
    }

    /** Takes the peer's next symbols (they must follow those received) and peels what it can. */
    public void add(KeySketch.Symbols theirs) {
        if (theirs.from() != size) {
            throw new IllegalArgumentException("symbols from " + theirs.from() + " do not follow the " + size
                    + " received");
        }
        KeySketch.Symbols mine = ours.symbols(theirs.size());
        int from = size;
        grow(size + theirs.size());
        for (int i = 0; i < theirs.size(); i++) {
            counts[from + i] = (theirs.count(i) - mine.counts[i]) & 0xff;
            sums[from + i] = theirs.sum(i) ^ mine.sums[i];
            checks[from + i] = theirs.checkSum(i) ^ mine.checks[i];
        }
        size += theirs.size();
        for (long key : theirsOnly) {
            remove(key, +1, from);
        }
        for (long key : oursOnly) {
            remove(key, -1, from);
        }
        peel();
    }

    private void grow(int capacity) {
        counts = Arrays.copyOf(counts, capacity);
        sums = Arrays.copyOf(sums, capacity);
        checks = Arrays.copyOf(checks, capacity);
    }

    private void peel() {
        ArrayDeque<Integer> pure = new ArrayDeque<>();
        for (int i = 0; i < size; i++) {
            if (sign(i) != 0) {
                pure.add(i);
            }
        }
        while (!pure.isEmpty() && !failed) {
            int i = pure.poll();
            int sign = sign(i);
            if (sign == 0) {
                continue;
            }
            long key = sums[i];
            if (!(sign > 0 ? theirsOnly : oursOnly).add(key)) {
                failed = true; // the same key twice: a false "pure" symbol got through
                return;
            }
            SymbolMapping mapping = new SymbolMapping(key);
            for (long j = mapping.index(); j < size; j = mapping.next()) {
                take(key, sign, (int) j);
                if (sign((int) j) != 0) {
                    pure.add((int) j);
                }
            }
        }
    }

    /** Takes a decoded key out of the symbols from {@code from} on. */
    private void remove(long key, int sign, int from) {
        SymbolMapping mapping = new SymbolMapping(key);
        for (long j = mapping.index(); j < size; j = mapping.next()) {
            if (j >= from) {
                take(key, sign, (int) j);
            }
        }
    }

    private void take(long key, int sign, int j) {
        counts[j] = (counts[j] - sign) & 0xff;
        sums[j] ^= key;
        checks[j] ^= KeySketch.check(key);
    }

    /** +1: symbol i holds one key only they have; -1: one only we have; 0: neither (empty, mixed or unsure). */
    private int sign(int i) {
        int count = counts[i];
        if (count != 1 && count != 0xff) {
            return 0;
        }
        long key = sums[i];
        if ((key & ~keyMask) != 0 || KeySketch.check(key) != checks[i]) {
            return 0;
        }
        boolean ourKey = ourKeys.contains(key);
        if (count == 1 && !ourKey) {
            return +1;
        }
        return count == 0xff && ourKey ? -1 : 0;
    }

    /** Whether the difference is known: every symbol received is empty. */
    public boolean decoded() {
        if (failed || size == 0) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (counts[i] != 0 || sums[i] != 0 || checks[i] != 0) {
                return false;
            }
        }
        return true;
    }

    public boolean failed() {
        return failed;
    }

    /** Keys only the peer has (complete once {@link #decoded()}). */
    public Set<Long> theirsOnly() {
        return Set.copyOf(theirsOnly);
    }

    /** Keys only we have (complete once {@link #decoded()}). */
    public Set<Long> oursOnly() {
        return Set.copyOf(oursOnly);
    }

    /**
     * How many symbols in all to ask for next: about 1.5 per differing key, the keys still hidden estimated from
     * how many of the later symbols are not empty (symbol i holds a key with probability 1/(1 + i/2)).
     */
    public long wanted() {
        int half = size / 2;
        int busy = 0;
        for (int i = half; i < size; i++) {
            if (counts[i] != 0 || sums[i] != 0 || checks[i] != 0) {
                busy++;
            }
        }
        int span = size - half;
        if (span == 0 || busy >= span) {
            return Math.max(64, 4L * size);
        }
        double p = 1 / (1 + (half + span / 2.0) / 2);
        double hidden = Math.log(1 - (double) busy / span) / Math.log(1 - p);
        double differing = theirsOnly.size() + oursOnly.size() + hidden;
        long wanted = (long) Math.ceil(1.5 * differing) + 32;
        return Math.max(size + size / 2 + 16, Math.min(wanted, 8L * size));
    }
}
