package dev.deltasync.sync;

/**
 * A rateless sketch of a set of entry keys ({@link EntryKey}, cut to a few bytes): a stream of coded symbols,
 * each the count, the XOR and the XOR of check hashes of the keys {@link SymbolMapping} puts in it. The peer
 * subtracts the same symbols of its own keys and peels the difference ({@link KeySketchDecoder}); it needs
 * about 1.4 symbols per differing key, whatever the size of the two sets. So a first contact between two
 * folders of 100,000 files that differ in ten costs a few hundred bytes instead of a key per file.
 *
 * <p>Symbols are made in order, range after range ({@link #symbols}), without going back over the keys'
 * earlier indexes. On the wire a symbol is {@link #symbolBytes} long: the count modulo 256, the XOR of the
 * keys ({@code keyBytes}), and the XOR of their 4-byte check hashes.
 */
public final class KeySketch {

    public static final int CHECK_BYTES = 4;

    private final long[] keys;
    private final SymbolMapping[] mappings;
    private long made;

    /** @param keys distinct keys */
    public KeySketch(long[] keys) {
        this.keys = keys.clone();
        this.mappings = new SymbolMapping[keys.length];
        for (int i = 0; i < keys.length; i++) {
            mappings[i] = new SymbolMapping(keys[i]);
        }
    }

    public static int symbolBytes(int keyBytes) {
        return 1 + keyBytes + CHECK_BYTES;
    }

    /** The next {@code count} symbols (from {@link #made()} on). */
    public Symbols symbols(int count) {
        Symbols out = new Symbols(made, count);
        long end = made + count;
        for (int k = 0; k < keys.length; k++) {
            SymbolMapping mapping = mappings[k];
            for (long i = mapping.index(); i < end; i = mapping.next()) {
                out.add((int) (i - made), keys[k], +1);
            }
        }
        made = end;
        return out;
    }

    /** How many symbols have been made so far. */
    public long made() {
        return made;
    }

    /** The check hash of a key, 4 bytes. */
    static long check(long key) {
        return mix(key ^ 0x9E3779B97F4A7C15L) & 0xFFFF_FFFFL;
    }

    /** splitmix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * A run of coded symbols starting at index {@code from}: counts (modulo 256 on the wire), key XORs and check
     * XORs.
     */
    public static final class Symbols {
        private final long from;
        final int[] counts;
        final long[] sums;
        final long[] checks;

        public Symbols(long from, int count) {
            this.from = from;
            this.counts = new int[count];
            this.sums = new long[count];
            this.checks = new long[count];
        }

        public long from() {
            return from;
        }

        public int size() {
            return counts.length;
        }

        void add(int i, long key, int sign) {
            counts[i] += sign;
            sums[i] ^= key;
            checks[i] ^= check(key);
        }

        public int count(int i) {
            return counts[i] & 0xff;
        }

        public long sum(int i) {
            return sums[i];
        }

        public long checkSum(int i) {
            return checks[i];
        }

        public void set(int i, int count, long sum, long check) {
            counts[i] = count;
            sums[i] = sum;
            checks[i] = check;
        }
    }
}
