package dev.deltasync.rsync;

import java.util.function.IntToLongFunction;

/**
 * How the multi-round encoder spends signature bytes. The first round signs the whole basis in blocks
 * about 64x rsync's (so its signature costs 1/64 of rsync's); each later round signs, at a quarter of
 * the previous block length, only the stretches of the basis that can still hold an unmatched stretch
 * of the new file, down to {@link #minBlock()} bytes. A stretch is refined only while its signature
 * costs well under the literal bytes it may save.
 *
 * @param firstBlockFactor first block length = factor x sqrt(basis length), within the bounds below
 * @param minBlock         no round goes below this block length
 * @param shrink           each round divides the block length by this
 * @param payoff           refine a stretch only if its signature costs at most 1/payoff of its literal bytes
 * @param maxRanges        at most this many ranges in one round (bounds the request frame)
 * @param roundTripBytes   what a round trip costs in bytes the link could carry meanwhile: a round after the
 *                         first is asked for only if the literal bytes it may save outweigh that (0: always)
 */
public record RefinePolicy(int firstBlockFactor, int minBlock, int shrink, int payoff, int maxRanges,
                           long roundTripBytes) {

    /** A round's ranges together cover the file at most this many times (the server refuses more). */
    public static final int MAX_COVERAGE = 4;
    public static final RefinePolicy DEFAULT = new RefinePolicy(64, 32, 4, 2, 50_000, 0);
    /**
     * The throughput assumed when only the round trip is measured: 20 Mbit/s, so that a 40 ms round trip is worth
     * 100 KB.
     */
    public static final long ASSUMED_BYTES_PER_SECOND = 20_000_000 / 8;
    /**
     * The part of a measured round trip that is the peers' own work (thread hand-overs, decoding), not the link:
     * on loopback or a LAN every round is still asked for, so the bytes there stay what they were.
     */
    public static final long LOCAL_NANOS = 10_000_000;
    /** At most this many rounds after a fine first signature (see {@link #shrinkAfter}). */
    static final int FEW_LATER_ROUNDS = 2;
    /** ...if blocks need not shrink more than this much per round for it. */
    static final int MAX_SHRINK = 8;
    static final int MIN_FIRST_BLOCK = 256;
    static final int MAX_FIRST_BLOCK = 4 << 20;
    /** Rough bytes per block on the wire (weak sum + a typical strong sum), for the cost rule. */
    private static final int BYTES_PER_BLOCK = 8;

    public RefinePolicy {
        if (minBlock < BlockSize.MIN_OVERRIDE || shrink < 2 || payoff < 1 || maxRanges < 1 || firstBlockFactor < 1
                || roundTripBytes < 0) {
            throw new IllegalArgumentException("impossible refine policy " + firstBlockFactor + "/" + minBlock + "/"
                    + shrink + "/" + payoff + "/" + maxRanges);
        }
    }

    /**
     * This policy on a link whose round trip takes {@code roundTripNanos} (negative: unknown): a round trip is
     * worth what the link carries in its time beyond {@link #LOCAL_NANOS}, at {@link #ASSUMED_BYTES_PER_SECOND}.
     */
    public RefinePolicy onLink(long roundTripNanos) {
        return onLink(roundTripNanos, LOCAL_NANOS);
    }

    /** {@link #onLink(long)} with {@code localNanos} of each round trip taken as the peers' own work. */
    public RefinePolicy onLink(long roundTripNanos, long localNanos) {
        long bytes = Math.max(0, roundTripNanos - localNanos) * ASSUMED_BYTES_PER_SECOND / 1_000_000_000L;
        return new RefinePolicy(firstBlockFactor, minBlock, shrink, payoff, maxRanges, bytes);
    }

    /**
     * Whether a round that may save up to {@code literalBytes} for signatures of about {@code signatureBytes} is
     * worth its round trip.
     */
    public boolean worthARound(long literalBytes, long signatureBytes) {
        return literalBytes - signatureBytes >= roundTripBytes;
    }

    /** The signature bytes of {@code basisBytes} in blocks of {@code block}, roughly. */
    static long signatureBytes(long basisBytes, int block) {
        return (basisBytes + block - 1) / block * BYTES_PER_BLOCK + BYTES_PER_BLOCK;
    }

    /** 64·√length, but at most an eighth of the file (a one-block first round could only say "changed"). */
    public int firstBlock(long basisLength) {
        double wanted = Math.min(firstBlockFactor * Math.sqrt((double) basisLength), basisLength / 8.0);
        return (int) Math.max(MIN_FIRST_BLOCK, Math.min(MAX_FIRST_BLOCK, Math.ceil(wanted / 8) * 8));
    }

    /** The next round's block length, or 0 when there is no next round. */
    public int nextBlock(int block) {
        return nextBlock(block, shrink);
    }

    /** The next round's block length at {@code factor} times smaller, or 0 when there is no next round. */
    public int nextBlock(int block, int factor) {
        return block <= minBlock ? 0 : Math.max(minBlock, block / factor);
    }

    /**
     * How much smaller each round's blocks get after a first signature in blocks of {@code first}: the policy's
     * shrink, or up to {@link #MAX_SHRINK} when that brings the rounds down to {@link #minBlock()} in at most
     * {@link #FEW_LATER_ROUNDS} (each round costs a round trip; from a 2 KiB signature, such as the client's signature
     * cache, 2048 -> 256 -> 32 instead of 2048 -> 512 -> 128 -> 32, for a few more signature bytes per change).
     */
    public int shrinkAfter(int first) {
        int fewRounds = (int) Math.ceil(Math.pow((double) first / minBlock, 1.0 / FEW_LATER_ROUNDS) - 1e-9);
        return fewRounds > shrink && fewRounds <= MAX_SHRINK ? fewRounds : shrink;
    }

    /**
     * The next round's block length after {@code block}, the shrink chosen by expected time: a round costs its
     * signatures ({@code signatureBytesAt} a block length) plus {@link #roundTripBytes()}, and brings the blocks
     * {@code block / next} times closer to {@link #minBlock()}; the shrink (the policy's, or a power of two above it)
     * with the least cost per such step wins. Where a round trip is free (loopback) that is the policy's shrink; at
     * 20 Mbit/s and 40 ms, with ten edits in 8 MiB, 185 KB blocks go to 724 B in one round instead of four.
     * 0 when there is no next round.
     */
    public int nextBlockByTime(int block, IntToLongFunction signatureBytesAt) {
        if (block <= minBlock) {
            return 0;
        }
        int best = nextBlock(block, shrink);
        double bestCost = costPerStep(block, best, signatureBytesAt);
        for (long factor = 2L * shrink; best > minBlock && block / factor >= 1; factor *= 2) {
            int candidate = nextBlock(block, (int) factor);
            double cost = costPerStep(block, candidate, signatureBytesAt);
            if (cost < bestCost) {
                best = candidate;
                bestCost = cost;
            }
            if (candidate == minBlock) {
                break;
            }
        }
        return best;
    }

    private double costPerStep(int block, int next, IntToLongFunction signatureBytesAt) {
        return (signatureBytesAt.applyAsLong(next) + (double) roundTripBytes) / Math.log((double) block / next);
    }

    /** Whether signing {@code basisBytes} in blocks of {@code block} is worth it for {@code literalBytes}. */
    public boolean worthRefining(long literalBytes, long basisBytes, int block) {
        if (literalBytes < block || basisBytes < block) {
            return false;
        }
        return signatureBytes(basisBytes, block) * payoff <= literalBytes;
    }
}
