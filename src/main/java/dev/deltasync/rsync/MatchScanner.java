package dev.deltasync.rsync;

import java.io.IOException;

/**
 * The rsync search: slides a block-long window over the new content one byte at a time, rolling the
 * weak sum, and turns it into COPY ops where a basis block matches and LITERAL ops in between.
 *
 * <p>Indices {@code litStart <= pos} point into the window's buffer: {@code [litStart, pos)} is literal
 * data not yet written, {@code [pos, pos + n)} the window being tested. Literals are written once they
 * reach the maximum op size, so the memory used does not depend on the file's length.
 */
final class MatchScanner implements BlockIndex.Candidate {

    private final Signature basis;
    private final BlockIndex index;
    private final RollingChecksum rolling;
    private final HashingWindow window;
    private final MatchSink writer;
    private final int n;
    private final boolean whole;
    private final byte[] windowStrong = new byte[StrongLength.MAX];
    private byte[] buf;
    private int pos;
    private int litStart;
    private int lastBlock = -1;
    private boolean windowStrongReady;

    MatchScanner(Signature basis, HashingWindow window, MatchSink writer) {
        this.basis = basis;
        this.index = new BlockIndex(basis);
        this.n = basis.blockLength();
        this.whole = basis.wholeWeakSums();
        this.rolling = new RollingChecksum(n);
        this.window = window;
        this.writer = writer;
    }

    static int bytesToKeep(Signature basis) {
        return basis.blockLength() + DeltaFormat.MAX_LITERAL + 1;
    }

    void run() throws IOException {
        while (fill(pos + n)) {
            if (!scanUntilMatch()) {
                break;
            }
        }
        finishTail();
    }

    /**
     * Searches from {@code pos} with a fresh weak sum. Returns true after a match (with {@code pos} just
     * past it), false when the input ended with fewer than a block's bytes left after {@code pos}.
     */
    private boolean scanUntilMatch() throws IOException {
        int h = RollingChecksum.of(buf, pos, n);
        boolean scanning = !index.isEmpty();
        while (true) {
            int stop = Math.min(window.end() - n, litStart + DeltaFormat.MAX_LITERAL);
            if (scanning) {
                h = whole ? roll(h, stop) : rollKeyed(h, stop);
                if (index.mightContain(basis.weakKey(h)) && tryMatch(basis.weakKey(h))) {
                    return true;
                }
            } else {
                pos = stop;
            }
            if (pos - litStart >= DeltaFormat.MAX_LITERAL) {
                writer.literal(buf, litStart, pos - litStart);
                litStart = pos;
            }
            if (pos + n >= window.end() && !fill(pos + n + 1)) {
                return false;
            }
            if (scanning) {
                h = rolling.roll(h, buf[pos], buf[pos + n]);
            }
            pos++;
        }
    }

    /** The hot loop: rolls from {@code pos} towards {@code stop} and stops early where the filter fires. */
    private int roll(int h, int stop) {
        byte[] b = buf;
        int p = pos;
        int offset = n;
        RollingChecksum r = rolling;
        BlockIndex idx = index;
        while (p < stop && !idx.mightContain(h)) {
            h = r.roll(h, b[p], b[p + offset]);
            p++;
        }
        pos = p;
        return h;
    }

    /**
     * {@link #roll} for a round whose weak sums are cut and seeded: the filter sees each sum's key. Kept apart so
     * that whole sums (big files' first rounds, signature files) keep the loop without a multiply.
     */
    private int rollKeyed(int h, int stop) {
        byte[] b = buf;
        int p = pos;
        int offset = n;
        RollingChecksum r = rolling;
        BlockIndex idx = index;
        Signature s = basis;
        while (p < stop && !idx.mightContain(s.weakKey(h))) {
            h = r.roll(h, b[p], b[p + offset]);
            p++;
        }
        pos = p;
        return h;
    }

    /** @param key the window's weak key ({@link Signature#weakKey}) */
    private boolean tryMatch(int key) throws IOException {
        windowStrongReady = false;
        int next = lastBlock + 1;
        int block = next < basis.fullBlockCount() && basis.weakSum(next) == key && matches(next) ? next : index.find(key, this);
        if (block < 0) {
            return false;
        }
        writer.literal(buf, litStart, pos - litStart);
        writer.copy(block);
        lastBlock = block;
        pos += n;
        litStart = pos;
        return true;
    }

    /** Strong-sum check, computed at most once per window position and only after a weak hit. */
    @Override
    public boolean matches(int block) {
        if (!windowStrongReady) {
            basis.strongSum().hash(buf, pos, n, windowStrong, 0, basis.strongLength());
            basis.maskStrong(windowStrong);
            windowStrongReady = true;
        }
        return basis.strongSumEquals(block, windowStrong);
    }

    /**
     * At the end of the input only the basis' last, shorter block can still match, and only as the
     * very end of the new content. Everything else left is literal.
     */
    private void finishTail() throws IOException {
        int end = window.end();
        int tail = basis.lastBlockLength();
        int at = end - tail;
        boolean shortTail = tail > 0 && tail < n;
        if (shortTail && at >= pos && tailMatches(at, tail)) {
            writer.literal(buf, litStart, at - litStart);
            writer.copy(basis.blockCount() - 1);
        } else {
            writer.literal(buf, litStart, end - litStart);
        }
    }

    private boolean tailMatches(int at, int length) {
        int block = basis.blockCount() - 1;
        if (basis.weakKey(RollingChecksum.of(buf, at, length)) != basis.weakSum(block)) {
            return false;
        }
        basis.strongSum().hash(buf, at, length, windowStrong, 0, basis.strongLength());
        basis.maskStrong(windowStrong);
        return basis.strongSumEquals(block, windowStrong);
    }

    /** Reads until {@code needEnd} (an index before any shift) is available; false if the input ended first. */
    private boolean fill(int needEnd) throws IOException {
        int shift = window.fill(litStart, needEnd);
        pos -= shift;
        litStart -= shift;
        buf = window.buffer();
        return window.end() >= needEnd - shift;
    }
}
