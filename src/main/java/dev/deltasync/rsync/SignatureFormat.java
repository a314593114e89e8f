package dev.deltasync.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The signature file, all integers big-endian:
 * <pre>
 * offset size  field
 *  0      4    magic "DSSG"
 *  4      1    format version (1)
 *  5      1    weak sum id (1 = Rabin-Karp, M = 0x08104225, bytes + 1)
 *  6      1    strong sum id (1 = XXH3-128, first bytes of low half then high half, little-endian)
 *  7      1    strong length s, 2..16
 *  8      4    block length, 16 .. 16 MiB
 * 12      8    basis length
 * 20     32    basis SHA-256
 * 52    n*(4+s) per block: weak sum (4), strong sum (s); n = ceil(basis length / block length)
 * end     4    CRC32C of all the bytes before it
 * </pre>
 */
public final class SignatureFormat {

    static final int MAGIC = 0x44535347;
    static final int VERSION = 1;
    static final int WEAK_RABIN_KARP = 1;
    static final int STRONG_XXH3_128 = 1;
    private static final int ENTRIES_PER_CHUNK = 4096;

    private SignatureFormat() {
    }

    public static void write(Signature signature, OutputStream out) throws IOException {
        ChecksummedOutput o = new ChecksummedOutput(out);
        o.writeInt(MAGIC);
        o.writeByte(VERSION);
        o.writeByte(WEAK_RABIN_KARP);
        o.writeByte(STRONG_XXH3_128);
        o.writeByte(signature.strongLength());
        o.writeInt(signature.blockLength());
        o.writeLong(signature.basisLength());
        byte[] sha = signature.basisSha256();
        o.write(sha, 0, sha.length);
        writeEntries(signature, o);
        o.finishWithCrc();
    }

    private static void writeEntries(Signature signature, ChecksummedOutput o) throws IOException {
        int s = signature.strongLength();
        int entry = 4 + s;
        int[] weak = signature.weakSums();
        byte[] strong = signature.strongSums();
        byte[] chunk = new byte[ENTRIES_PER_CHUNK * entry];
        for (int first = 0; first < weak.length; first += ENTRIES_PER_CHUNK) {
            int count = Math.min(ENTRIES_PER_CHUNK, weak.length - first);
            for (int i = 0; i < count; i++) {
                int at = i * entry;
                int w = weak[first + i];
                chunk[at] = (byte) (w >>> 24);
                chunk[at + 1] = (byte) (w >>> 16);
                chunk[at + 2] = (byte) (w >>> 8);
                chunk[at + 3] = (byte) w;
                System.arraycopy(strong, (first + i) * s, chunk, at + 4, s);
            }
            o.write(chunk, 0, count * entry);
        }
    }

    /** Reads and validates a whole signature; the stream must end right after it. */
    public static Signature read(InputStream in) throws IOException {
        ChecksummedInput i = new ChecksummedInput(in, message -> new SignatureFormatException("signature " + message));
        int magic = i.readInt("the magic number");
        if (magic != MAGIC) {
            throw new SignatureFormatException("not a deltasync signature (magic number is 0x"
                    + Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(MAGIC) + ")");
        }
        int version = i.readUnsignedByte("the version");
        if (version != VERSION) {
            throw new SignatureFormatException("signature format version " + version + " is not supported (this build reads version " + VERSION + ")");
        }
        int weakId = i.readUnsignedByte("the weak sum id");
        int strongId = i.readUnsignedByte("the strong sum id");
        if (weakId != WEAK_RABIN_KARP || strongId != STRONG_XXH3_128) {
            throw new SignatureFormatException("signature uses unknown hashes (weak id " + weakId + ", strong id " + strongId + ")");
        }
        int strongLength = i.readUnsignedByte("the strong length");
        if (strongLength < StrongLength.MIN || strongLength > StrongLength.MAX) {
            throw new SignatureFormatException("signature strong length " + strongLength + " is outside "
                    + StrongLength.MIN + ".." + StrongLength.MAX);
        }
        int blockLength = i.readInt("the block length");
        if (blockLength < BlockSize.MIN_OVERRIDE || blockLength > BlockSize.MAX_OVERRIDE) {
            throw new SignatureFormatException("signature block length " + Integer.toUnsignedString(blockLength)
                    + " is outside " + BlockSize.MIN_OVERRIDE + ".." + BlockSize.MAX_OVERRIDE);
        }
        long basisLength = i.readLong("the basis length");
        if (basisLength < 0 || StrongLength.blockCount(basisLength, blockLength) > Signature.MAX_BLOCKS) {
            throw new SignatureFormatException("signature basis length " + Long.toUnsignedString(basisLength) + " is impossible");
        }
        byte[] sha = new byte[Sha256.LENGTH];
        i.readFully(sha, 0, sha.length, "the basis SHA-256");
        int blocks = (int) Signature.blockCount(basisLength, blockLength);
        Entries entries = readEntries(i, blocks, strongLength);
        i.verifyCrcAndEnd();
        return new Signature(blockLength, strongLength, basisLength, sha, entries.weak, entries.strong);
    }

    private record Entries(int[] weak, byte[] strong) {
    }

    /**
     * Reads the block sums, growing the arrays as data actually arrives: a damaged length field
     * then fails as "truncated" instead of allocating gigabytes first.
     */
    private static Entries readEntries(ChecksummedInput i, int blocks, int s) throws IOException {
        int entry = 4 + s;
        byte[] chunk = new byte[ENTRIES_PER_CHUNK * entry];
        int[] weak = new int[Math.min(blocks, ENTRIES_PER_CHUNK)];
        byte[] strong = new byte[weak.length * s];
        for (int first = 0; first < blocks; first += ENTRIES_PER_CHUNK) {
            int count = Math.min(ENTRIES_PER_CHUNK, blocks - first);
            i.readFully(chunk, 0, count * entry, "block sums " + first + ".." + (first + count - 1) + " of " + blocks);
            if (first + count > weak.length) {
                int capacity = (int) Math.min(blocks, Math.max(first + count, 2L * weak.length));
                weak = Arrays.copyOf(weak, capacity);
                strong = Arrays.copyOf(strong, capacity * s);
            }
            for (int k = 0; k < count; k++) {
                int at = k * entry;
                weak[first + k] = (chunk[at] & 0xff) << 24 | (chunk[at + 1] & 0xff) << 16
                        | (chunk[at + 2] & 0xff) << 8 | (chunk[at + 3] & 0xff);
                System.arraycopy(chunk, at + 4, strong, (first + k) * s, s);
            }
        }
        return new Entries(weak, strong);
    }
}
