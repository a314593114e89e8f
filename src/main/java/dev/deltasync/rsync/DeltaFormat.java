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
 */
public final class DeltaFormat {

    static final int MAGIC = 0x4453444C;
    static final int VERSION = 1;
    /** Version 2 adds COPY_AT, which the multi-round encoder needs: its matches are not on block boundaries. */
    static final int VERSION_COPY_AT = 2;
    static final int OP_COPY = 'C';
    static final int OP_COPY_AT = 'O';
    static final int OP_LITERAL = 'L';
    static final int OP_END = 'E';
    /** Longest literal op: bounds the memory of writer and reader, costs 5 bytes per 64 KiB. */
    public static final int MAX_LITERAL = 64 * 1024;

    private DeltaFormat() {
    }
}
