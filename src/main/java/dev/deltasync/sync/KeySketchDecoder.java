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

    /** Symbols asked for per differing key: ~1.35 are needed, the estimate is rough. */
    private static final double ASK_PER_KEY = 1.5;

    private final long keyMask;
    private final long checkMask;
    private final KeySketch ours;
    private final Set<Long> ourKeys;
    private final int theirCount;
    private final Set<Long> theirsOnly = new HashSet<>();
    private final Set<Long> oursOnly = new HashSet<>();
    private int[] counts = new int[0];
    private long[] sums = new long[0];
    private long[] checks = new long[0];
    private int size;
    private boolean failed;

    /**
     * @param ourKeys    our distinct keys, of {@code keyBytes} bytes
     * @param theirCount how many keys the peer has
     */
    public KeySketchDecoder(long[] ourKeys, int keyBytes, int theirCount) {
        this(ourKeys, keyBytes, KeySketch.CHECK_BYTES, theirCount);
    }

    /**
     * @param checkBytes bytes of the check hashes the peer sent (1..4): fewer cost less per symbol and let a false
     *                   "pure" symbol through more often (a caller that verifies what it decodes can afford that)
     */
    public KeySketchDecoder(long[] ourKeys, int keyBytes, int checkBytes, int theirCount) {
        if (checkBytes < 1 || checkBytes > KeySketch.CHECK_BYTES) {
            throw new IllegalArgumentException("check hashes of " + checkBytes + " bytes");
        }
        this.theirCount = theirCount;
        this.keyMask = keyBytes >= 8 ? -1L : (1L << (8 * keyBytes)) - 1;
        this.checkMask = (1L << (8 * checkBytes)) - 1;
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
            checks[from + i] = (theirs.checkSum(i) ^ mine.checks[i]) & checkMask;
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
        checks[j] ^= KeySketch.check(key) & checkMask;
    }

    /** +1: symbol i holds one key only they have; -1: one only we have; 0: neither (empty, mixed or unsure). */
    private int sign(int i) {
        int count = counts[i];
        if (count != 1 && count != 0xff) {
            return 0;
        }
        long key = sums[i];
        if ((key & ~keyMask) != 0 || (KeySketch.check(key) & checkMask) != checks[i]) {
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
     * How many symbols in all to ask for next: about 1.5 per differing key, the hidden ones estimated from the
     * symbols still busy (by maximum likelihood: symbol i holds a given key with probability 1/(1 + i/2)), or, while
     * none is empty yet, from the spread of their counts.
     */
    public long wanted() {
        boolean[] busy = new boolean[size];
        boolean anyEmpty = false;
        for (int i = 0; i < size; i++) {
            busy[i] = counts[i] != 0 || sums[i] != 0 || checks[i] != 0;
            anyEmpty |= !busy[i];
        }
        double hidden = anyEmpty ? likeliestHidden(busy) : hiddenFromCounts();
        long wanted = (long) Math.ceil(ASK_PER_KEY * (theirsOnly.size() + oursOnly.size() + hidden)) + 16;
        // at least a quarter more; with no empty symbol to go by, at least twice as many
        long least = anyEmpty ? size + size / 4 + 16 : 2L * size;
        return Math.max(least, Math.min(wanted, 64L * size));
    }

    /**
     * The hidden keys estimated from the symbols' counts, when none is empty yet: symbol i's count is the keys only
     * they have minus those only we have in it, whose variance is (hidden keys) / (1 + i/2) and whose mean follows
     * from the two sides' numbers of keys.
     */
    private double hiddenFromCounts() {
        long net = theirCount - ourKeys.size() - theirsOnly.size() + oursOnly.size();
        double sum = 0;
        int cells = 0;
        for (int i = 1; i < size; i++) {
            double p = 1 / (1 + i / 2.0);
            int count = counts[i] > 127 ? counts[i] - 256 : counts[i];
            double deviation = count - net * p;
            sum += deviation * deviation / p;
            cells++;
        }
        return cells == 0 ? 0 : sum / cells;
    }

    /** The number of hidden keys that makes this pattern of busy and empty symbols likeliest (a golden search). */
    private static double likeliestHidden(boolean[] busy) {
        double lo = 0;
        double hi = Math.log(1 + 64.0 * busy.length);
        double g = (Math.sqrt(5) - 1) / 2;
        for (int step = 0; step < 60; step++) {
            double a = hi - g * (hi - lo);
            double b = lo + g * (hi - lo);
            if (logLikelihood(busy, Math.expm1(a)) < logLikelihood(busy, Math.expm1(b))) {
                lo = a;
            } else {
                hi = b;
            }
        }
        return Math.expm1((lo + hi) / 2);
    }

    private static double logLikelihood(boolean[] busy, double hidden) {
        double sum = 0;
        for (int i = 1; i < busy.length; i++) { // symbol 0 holds every key: busy whenever any is hidden
            double logEmpty = hidden * Math.log1p(-1 / (1 + i / 2.0));
            sum += busy[i] ? Math.log(-Math.expm1(logEmpty)) : logEmpty;
        }
        return sum;
    }
}
