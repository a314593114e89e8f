package dev.deltasync.rsync;

/** A stretch of the basis file: {@code length} bytes from {@code offset}. */
public record BasisRange(long offset, long length) {

    public BasisRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("a basis range needs a non-negative offset and length: " + offset + "+" + length);
        }
    }

    public long end() {
        return offset + length;
    }
}
