package dev.deltasync.sync;

/**
 * The coded symbols one key is added into, in a {@link KeySketch}: index 0, then ever sparser indexes, so
 * that symbol i holds each key with probability about 1/(1 + i/2). This is the random mapping of rateless
 * IBLTs (Yang, Gilad, Alizadeh, "Practical Rateless Set Reconciliation", SIGCOMM 2024): any prefix of the
 * symbol stream is a sketch of the set, so a peer can ask for more symbols until the difference decodes.
 * Both peers must compute the same indexes: everything here is exact integer or IEEE arithmetic.
 */
final class SymbolMapping {

    private long state;
    private long index;

    SymbolMapping(long key) {
        this.state = KeySketch.mix(key ^ 0x2545F4914F6CDD1DL);
        this.index = 0;
    }

    /** The index this key is in now (0 first). */
    long index() {
        return index;
    }

    /** Moves to the next index holding this key. */
    long next() {
        state *= 0xda942042e4dd58b5L;
        double r = (double) (state >>> 1) * 2.0 + 1;
        double gap = Math.ceil((index + 1.5) * (4294967296.0 / Math.sqrt(r) - 1));
        index += (long) Math.min(gap, (double) (Long.MAX_VALUE / 4));
        if (index < 0) {
            index = Long.MAX_VALUE / 2; // past any symbol ever asked for
        }
        return index;
    }
}
