package dev.deltasync.rsync;

/**
 * The delta stream, all integers big-endian. It is written in one pass, so what is only known at the
 * end (the new file's length and SHA-256) sits in a trailer.
 * <pre>
 * header
 *  0   4   magic "DSDL"
 *  4   1   format version (1, or 2 when the delta uses COPY_AT)
 *  5   4   block length of the basis signature
 *  9   8   basis length
 * 17  32   basis SHA-256 (from the signature: lets the patcher refuse another basis)
 * ops, repeated
 *      1   'C' COPY     + 4 first block + 4 block count (>= 1; only the basis' last block may be short)
 *      1   'O' COPY_AT  + 8 basis offset + 4 length (>= 1), any byte range of the basis (version 2 only)
 *      1   'L' LITERAL  + 4 length (1 .. 65536) + that many bytes
 *      1   'E' END
 * trailer
 *      8   new file length
 *     32   new file SHA-256
 *      4   CRC32C of every byte before it
 * </pre>
 * Version 3, the compact form a connection uses once both sides agree (see {@code Capabilities.HASH_PREFIXES}):
 * the same header and ops with varints (v) and the SHA-256s cut to their first 8 bytes, and no CRC:
 * <pre>
 *  0   4   magic "DSDL"
 *  4   1   format version 3
 *      v   basis length, 8 first bytes of the basis SHA-256 (no block length: there is no block-run COPY)
 *  ops 'O' COPY_AT + zigzag v (offset - end of the previous copy) + v length; 'L' LITERAL + v length + bytes; 'E'
 *      v   new file length, 8 first bytes of the new file's SHA-256
 * </pre>
 * A copy's offset is then a byte or two instead of eight, and the two hashes and the CRC, 68 bytes that no
 * compressor can shrink, become 16. What the CRC caught, a damaged delta, the result's SHA-256 prefix still
 * catches (the patcher computes the whole hash of what it writes; 2^-64 to miss one).
 */
public final class DeltaFormat {

    static final int MAGIC = 0x4453444C;
    static final int VERSION = 1;
    /** Version 2 adds COPY_AT, which the multi-round encoder needs: its matches are not on block boundaries. */
    static final int VERSION_COPY_AT = 2;
    /** Version 3: varints, 8-byte hash prefixes, no CRC (only COPY_AT, LITERAL and END ops). */
    static final int VERSION_COMPACT = 3;
    /** Bytes of each SHA-256 a compact delta keeps. */
    static final int HASH_PREFIX = 8;
    static final int OP_COPY = 'C';
    static final int OP_COPY_AT = 'O';
    static final int OP_LITERAL = 'L';
    static final int OP_END = 'E';
    /** Longest literal op: bounds the memory of writer and reader, costs 5 bytes per 64 KiB. */
    public static final int MAX_LITERAL = 64 * 1024;

    private DeltaFormat() {
    }
}
