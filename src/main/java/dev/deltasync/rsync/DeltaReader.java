package dev.deltasync.rsync;

import java.io.IOException;
import java.io.InputStream;

/** Reads and validates a delta stream op by op, never trusting a length it has not checked. */
final class DeltaReader {

    enum Op { COPY, LITERAL, END }

    private final ChecksummedInput in;
    private final int blockLength;
    private final long basisLength;
    private final long blockCount;
    private final byte[] basisSha256;
    private final byte[] newSha256;
    private long newLength;
    private final int version;
    private long copyOffset;
    private long previousCopyEnd;
    private long copyLength;
    private int literalLeft;

    DeltaReader(InputStream stream) throws IOException {
        in = new ChecksummedInput(stream, message -> new DeltaFormatException("delta " + message));
        int magic = in.readInt("the magic number");
        if (magic != DeltaFormat.MAGIC) {
            throw new DeltaFormatException("not a deltasync delta (magic number is 0x" + Integer.toHexString(magic)
                    + ", expected 0x" + Integer.toHexString(DeltaFormat.MAGIC) + ")");
        }
        version = in.readUnsignedByte("the version");
        if (version != DeltaFormat.VERSION && version != DeltaFormat.VERSION_COPY_AT
                && version != DeltaFormat.VERSION_COMPACT) {
            throw new DeltaFormatException("delta format version " + version + " is not supported (this build reads versions "
                    + DeltaFormat.VERSION + " to " + DeltaFormat.VERSION_COMPACT + ")");
        }
        int hashBytes = compact() ? DeltaFormat.HASH_PREFIX : Sha256.LENGTH;
        basisSha256 = new byte[hashBytes];
        newSha256 = new byte[hashBytes];
        if (compact()) {
            // no block-run COPY op, so no block length on the wire: the largest one only bounds the basis length below
            blockLength = BlockSize.MAX_OVERRIDE;
        } else {
            long block = Integer.toUnsignedLong(in.readInt("the block length"));
            if (block < BlockSize.MIN_OVERRIDE || block > BlockSize.MAX_OVERRIDE) {
                throw new DeltaFormatException("delta block length " + block + " is outside "
                        + BlockSize.MIN_OVERRIDE + ".." + BlockSize.MAX_OVERRIDE);
            }
            blockLength = (int) block;
        }
        basisLength = compact() ? in.readVarint("the basis length") : in.readLong("the basis length");
        if (basisLength < 0 || StrongLength.blockCount(basisLength, blockLength) > Signature.MAX_BLOCKS) {
            throw new DeltaFormatException("delta basis length " + Long.toUnsignedString(basisLength) + " is impossible");
        }
        blockCount = StrongLength.blockCount(basisLength, blockLength);
        in.readFully(basisSha256, 0, basisSha256.length, "the basis SHA-256");
    }

    /** Version 3: varints and 8-byte hash prefixes, no CRC. */
    private boolean compact() {
        return version == DeltaFormat.VERSION_COMPACT;
    }

    long basisLength() {
        return basisLength;
    }

    byte[] basisSha256() {
        return basisSha256.clone();
    }

    /** The next op; after END the trailer has been read and its checksum verified. */
    Op next() throws IOException {
        if (literalLeft > 0) {
            throw new IllegalStateException("the previous literal has not been read");
        }
        int code = in.readUnsignedByte("an op code");
        switch (code) {
            case DeltaFormat.OP_COPY -> {
                if (compact()) {
                    throw in.error("a compact delta has a COPY op (only COPY_AT)");
                }
                readCopy();
                return Op.COPY;
            }
            case DeltaFormat.OP_COPY_AT -> {
                if (version < DeltaFormat.VERSION_COPY_AT) {
                    throw in.error("delta version " + version + " has a COPY_AT op, which needs version "
                            + DeltaFormat.VERSION_COPY_AT);
                }
                readCopyAt();
                return Op.COPY;
            }
            case DeltaFormat.OP_LITERAL -> {
                long length = compact() ? in.readVarint("a literal length")
                        : Integer.toUnsignedLong(in.readInt("a literal length"));
                if (length < 1 || length > DeltaFormat.MAX_LITERAL) {
                    throw in.error("delta literal length " + length + " is outside 1.." + DeltaFormat.MAX_LITERAL);
                }
                literalLeft = (int) length;
                return Op.LITERAL;
            }
            case DeltaFormat.OP_END -> {
                readTrailer();
                return Op.END;
            }
            default -> throw in.error("delta has an unknown op code 0x" + Integer.toHexString(code));
        }
    }

    private void readCopy() throws IOException {
        long first = Integer.toUnsignedLong(in.readInt("a copy's first block"));
        long count = Integer.toUnsignedLong(in.readInt("a copy's block count"));
        if (count == 0 || first + count > blockCount) {
            throw in.error("delta copies blocks " + first + ".." + (first + count - 1) + " but the basis has only "
                    + blockCount + " blocks");
        }
        copyOffset = first * blockLength;
        copyLength = Math.min(count * blockLength, basisLength - copyOffset);
    }

    private void readCopyAt() throws IOException {
        long offset;
        long length;
        if (compact()) {
            long zigzag = in.readVarint("a copy's basis offset");
            offset = previousCopyEnd + (zigzag >>> 1 ^ -(zigzag & 1));
            length = in.readVarint("a copy's length");
            if (length > Integer.MAX_VALUE) {
                throw in.error("delta copies " + length + " bytes in one op");
            }
        } else {
            offset = in.readLong("a copy's basis offset");
            length = Integer.toUnsignedLong(in.readInt("a copy's length"));
        }
        if (length == 0 || offset < 0 || offset > basisLength - length) {
            throw in.error("delta copies bytes " + Long.toUnsignedString(offset) + "+" + length
                    + " but the basis has only " + basisLength + " bytes");
        }
        copyOffset = offset;
        copyLength = length;
        previousCopyEnd = offset + length;
    }

    private void readTrailer() throws IOException {
        newLength = compact() ? in.readVarint("the new file length") : in.readLong("the new file length");
        if (newLength < 0) {
            throw in.error("delta new file length " + Long.toUnsignedString(newLength) + " is impossible");
        }
        in.readFully(newSha256, 0, newSha256.length, "the new file SHA-256");
        if (compact()) {
            in.verifyEnd();
        } else {
            in.verifyCrcAndEnd();
        }
    }

    /** Byte offset in the basis of the current COPY. */
    long copyOffset() {
        return copyOffset;
    }

    /** Byte length of the current COPY (the basis' last block may be short). */
    long copyLength() {
        return copyLength;
    }

    int literalLeft() {
        return literalLeft;
    }

    void readLiteral(byte[] dest, int offset, int length) throws IOException {
        if (length > literalLeft) {
            throw new IllegalStateException("only " + literalLeft + " literal bytes are left");
        }
        in.readFully(dest, offset, length, "literal bytes");
        literalLeft -= length;
    }

    long newLength() {
        return newLength;
    }

    byte[] newSha256() {
        return newSha256.clone();
    }
}
