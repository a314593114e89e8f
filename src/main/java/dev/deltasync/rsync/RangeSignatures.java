package dev.deltasync.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Signatures of several ranges of one basis file at one block length, as a refinement round asks for
 * them. Compact on purpose: the requester already knows the ranges, the basis length and its hash, so
 * only the sums travel. All integers big-endian:
 * <pre>
 *  0   4   magic "DSRS"
 *  4   1   format version (1)
 *  5   1   weak sum id (1 = Rabin-Karp, as in the signature file)
 *  6   1   strong sum id (1 = XXH3-128)
 *  7   1   strong length s, 1..16
 *  8   ... per range, per block: weak sum (4), strong sum (s); a range's last block may be short
 * end  4   CRC32C of all the bytes before it, and of the request's block length, range count, block count
 *          and seed (the strong hash is XXH3-128 seeded with it; chosen afresh by the requester each round)
 * </pre>
 * Inside a shared round (see GetSharedRound) the parts are {@link Form#BARE}: the sums alone, without header and
 * CRC, since everything the header says follows from the request and what the sums lead to is checked whole
 * (the patched file's SHA-256) anyway; that saves about 7 of the ~40 bytes a small file's part costs.
 * The strong length follows {@link StrongLength} for the pairs the search will compare, so both sides agree on it,
 * with a target of 2^-{@value #TARGET_BITS} false matches per round instead of the signature file's 2^-40: the seed
 * makes each round's sums independent, so a false match (caught by the whole-file SHA-256) does not repeat when
 * the file is sent again, and the sender retries such a file once at once (see SyncCycle).
 */
public final class RangeSignatures {

    static final int MAGIC = 0x44535253;
    static final int VERSION = 1;
    static final int TARGET_BITS = 16;
    /** Late rounds compare few pairs: one strong byte on top of the 32-bit weak sum is then enough. */
    static final int MIN_STRONG = 1;
    private static final int HEADER = 8;
    private static final byte[] NO_SHA = new byte[Sha256.LENGTH];

    private RangeSignatures() {
    }

    /** With or without the header and CRC around the sums. */
    public enum Form {
        CHECKED, BARE
    }

    /** Bytes a reply for these ranges takes, before transport compression. */
    public static long replyBytes(int blockLength, List<BasisRange> ranges, Form form) {
        long sums = totalBlocks(ranges, blockLength) * (4 + strongLength(ranges, blockLength));
        return form == Form.BARE ? sums : HEADER + sums + 4;
    }

    /** Bytes a bare reply takes whose sums are cut to {@code width} (null: the fixed layout). */
    public static long replyBytes(int blockLength, List<BasisRange> ranges, SumWidth width) {
        return width == null ? replyBytes(blockLength, ranges, Form.BARE)
                : width.bytesFor(totalBlocks(ranges, blockLength));
    }

    /** The fixed layout's width for these ranges: the whole weak sum and {@link #strongLength} bytes. */
    static SumWidth fixedWidth(List<BasisRange> ranges, int blockLength) {
        return SumWidth.fixed(strongLength(ranges, blockLength));
    }

    /** Each range is searched only by the stretch of new content that sits between its neighbours' matches. */
    static int strongLength(List<BasisRange> ranges, int blockLength) {
        double pairs = ranges.stream()
                .mapToDouble(r -> (double) r.length() * StrongLength.blockCount(r.length(), blockLength)).sum();
        return StrongLength.forPairs(pairs, TARGET_BITS, MIN_STRONG);
    }

    static long totalBlocks(List<BasisRange> ranges, int blockLength) {
        return ranges.stream().mapToLong(r -> StrongLength.blockCount(r.length(), blockLength)).sum();
    }

    /**
     * Computes and writes the signatures of {@code ranges} of {@code basis}, which has {@code basisLength} bytes.
     *
     * @throws IllegalArgumentException a range reaches beyond the basis or the block length is out of bounds
     * @throws BasisChangedException    the basis ended before a range did
     */
    public static void write(FileChannel basis, long basisLength, int blockLength, long seed, List<BasisRange> ranges,
                             Form form, OutputStream out) throws IOException {
        write(basis, basisLength, blockLength, seed, ranges, null, form, out);
    }

    /**
     * As above with the sums cut to {@code width} (null: the fixed layout, the only one the {@link Form#CHECKED}
     * form has), packed bit after bit and the whole reply padded to a byte.
     */
    public static void write(FileChannel basis, long basisLength, int blockLength, long seed, List<BasisRange> ranges,
                             SumWidth width, Form form, OutputStream out) throws IOException {
        if (width != null && form == Form.CHECKED) {
            throw new IllegalArgumentException("range signatures with a header have the fixed layout");
        }
        BlockSize.checkOverride(blockLength);
        for (BasisRange range : ranges) {
            if (range.end() > basisLength) {
                throw new IllegalArgumentException("range " + range.offset() + "+" + range.length()
                        + " reaches beyond the file's " + basisLength + " bytes");
            }
        }
        int s = strongLength(ranges, blockLength);
        SumWidth w = width == null ? SumWidth.fixed(s) : width;
        int multiplier = w.multiplier(seed);
        ChecksummedOutput o = new ChecksummedOutput(out);
        BitPacker packer = new BitPacker(o);
        if (form == Form.CHECKED) {
            o.writeInt(MAGIC);
            o.writeByte(VERSION);
            o.writeByte(SignatureFormat.WEAK_RABIN_KARP);
            o.writeByte(SignatureFormat.STRONG_XXH3_128);
            o.writeByte(s);
        }
        StrongSum strongSum = StrongSum.seeded(seed);
        int blocksPerRead = Math.max(1, (1 << 20) / blockLength);
        byte[] data = new byte[blocksPerRead * blockLength];
        byte[] strong = new byte[w.strongBytes()];
        for (BasisRange range : ranges) {
            for (long done = 0; done < range.length(); ) {
                int chunk = (int) Math.min(data.length, range.length() - done);
                readFully(basis, range.offset() + done, data, chunk);
                for (int at = 0; at < chunk; at += blockLength) {
                    int len = Math.min(blockLength, chunk - at);
                    int key = RollingChecksum.of(data, at, len) * multiplier;
                    packer.put(key >>> (32 - w.weakBits()), w.weakBits());
                    if (strong.length > 0) {
                        strongSum.hash(data, at, len, strong, 0, strong.length);
                        packer.putBits(strong, w.strongBits());
                    }
                }
                done += chunk;
            }
        }
        packer.pad();
        if (form == Form.CHECKED) {
            o.finishWithCrc(requestSummary(blockLength, ranges, seed));
        } else {
            o.flush();
        }
    }

    /** What the CRC also covers without sending it: the reply must answer exactly this request. */
    private static byte[] requestSummary(int blockLength, List<BasisRange> ranges, long seed) {
        return java.nio.ByteBuffer.allocate(24).putInt(blockLength).putInt(ranges.size())
                .putLong(totalBlocks(ranges, blockLength)).putLong(seed).array();
    }

    /** Reads a reply to a request for {@code ranges} at {@code blockLength}: one signature per range, in order. */
    public static List<Signature> read(InputStream in, int blockLength, long seed, List<BasisRange> ranges, Form form)
            throws IOException {
        ChecksummedInput i = new ChecksummedInput(in, message -> new SignatureFormatException("range signatures " + message));
        if (form == Form.BARE) {
            return readSums(i, blockLength, seed, ranges, fixedWidth(ranges, blockLength));
        }
        int magic = i.readInt("the magic number");
        if (magic != MAGIC) {
            throw new SignatureFormatException("not deltasync range signatures (magic number 0x" + Integer.toHexString(magic) + ")");
        }
        int version = i.readUnsignedByte("the version");
        if (version != VERSION) {
            throw new SignatureFormatException("range signature format version " + version + " is not supported");
        }
        if (i.readUnsignedByte("the weak sum id") != SignatureFormat.WEAK_RABIN_KARP
                || i.readUnsignedByte("the strong sum id") != SignatureFormat.STRONG_XXH3_128) {
            throw i.error("range signatures use unknown checksums");
        }
        int s = i.readUnsignedByte("the strong length");
        if (s != strongLength(ranges, blockLength)) {
            throw i.error("range signatures do not answer the request (strong length " + s + ")");
        }
        List<Signature> signatures = readSums(i, blockLength, seed, ranges, SumWidth.fixed(s));
        i.verifyCrcAndEnd(requestSummary(blockLength, ranges, seed));
        return signatures;
    }

    /** Reads a bare reply whose sums were cut to {@code width} (null: the fixed layout). */
    public static List<Signature> read(InputStream in, int blockLength, long seed, List<BasisRange> ranges,
                                       SumWidth width) throws IOException {
        if (width == null) {
            return read(in, blockLength, seed, ranges, Form.BARE);
        }
        ChecksummedInput i = new ChecksummedInput(in, message -> new SignatureFormatException("range signatures " + message));
        return readSums(i, blockLength, seed, ranges, width);
    }

    private static List<Signature> readSums(ChecksummedInput i, int blockLength, long seed, List<BasisRange> ranges,
                                            SumWidth width) throws IOException {
        StrongSum strongSum = StrongSum.seeded(seed);
        int multiplier = width.multiplier(seed);
        int s = width.strongBytes();
        BitUnpacker unpacker = new BitUnpacker(i);
        List<Signature> signatures = new ArrayList<>(ranges.size());
        for (BasisRange range : ranges) {
            int n = (int) StrongLength.blockCount(range.length(), blockLength);
            int[] weak = new int[n];
            byte[] strong = new byte[n * s];
            for (int b = 0; b < n; b++) {
                weak[b] = unpacker.get(width.weakBits()) << (32 - width.weakBits());
                unpacker.getBits(strong, b * s, width.strongBits());
            }
            signatures.add(new Signature(blockLength, range.length(), NO_SHA, weak, strong, strongSum, width, multiplier));
        }
        return signatures;
    }

    /** Writes values of up to 32 bits, most significant bit first, with no gaps between them. */
    private static final class BitPacker {
        private final ChecksummedOutput out;
        private long pending;
        private int pendingBits;

        BitPacker(ChecksummedOutput out) {
            this.out = out;
        }

        /** The low {@code bits} bits of {@code value}. */
        void put(int value, int bits) throws IOException {
            pending = pending << bits | (value & 0xffffffffL) & ((1L << bits) - 1);
            pendingBits += bits;
            while (pendingBits >= 8) {
                pendingBits -= 8;
                out.writeByte((int) (pending >>> pendingBits) & 0xff);
            }
        }

        /** The leading {@code bits} bits of {@code bytes}. */
        void putBits(byte[] bytes, int bits) throws IOException {
            for (int k = 0; bits > 0; k++, bits -= 8) {
                int take = Math.min(8, bits);
                put((bytes[k] & 0xff) >>> (8 - take), take);
            }
        }

        /** Fills the last byte with zero bits. */
        void pad() throws IOException {
            if (pendingBits > 0) {
                put(0, 8 - pendingBits);
            }
        }
    }

    /** Reads what {@link BitPacker} wrote. */
    private static final class BitUnpacker {
        private final ChecksummedInput in;
        private long pending;
        private int pendingBits;

        BitUnpacker(ChecksummedInput in) {
            this.in = in;
        }

        int get(int bits) throws IOException {
            while (pendingBits < bits) {
                pending = pending << 8 | in.readUnsignedByte("a block's sums");
                pendingBits += 8;
            }
            pendingBits -= bits;
            return (int) (pending >>> pendingBits & ((1L << bits) - 1));
        }

        /** Leading {@code bits} bits into {@code into} from {@code offset}, the last byte's spare bits zero. */
        void getBits(byte[] into, int offset, int bits) throws IOException {
            for (int k = 0; bits > 0; k++, bits -= 8) {
                int take = Math.min(8, bits);
                into[offset + k] = (byte) (get(take) << (8 - take));
            }
        }
    }

    private static void readFully(FileChannel channel, long position, byte[] into, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new BasisChangedException("the file ended at byte " + (position + buffer.position())
                        + " while its signature was computed (did it change?)");
            }
        }
    }
}
