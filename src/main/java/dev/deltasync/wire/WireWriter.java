package dev.deltasync.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.deltasync.sync.FileEntry;

/** Builds a payload: varints (LEB128, zigzag for signed values), length-prefixed UTF-8 strings and byte arrays. */
final class WireWriter {

    private static final int SHA256_BYTES = 32;

    private byte[] buffer;
    private int size;

    WireWriter() {
        this(64);
    }

    WireWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    WireWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    WireWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    /** Unsigned LEB128 of the 64-bit pattern: 1 byte below 128, at most 10 bytes. */
    WireWriter writeUnsigned(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[size++] = (byte) v;
        return this;
    }

    /** Zigzag then LEB128: small negative numbers stay short. */
    WireWriter writeSigned(long value) {
        return writeUnsigned((value << 1) ^ (value >> 63));
    }

    /**
     * A content hash: "" as one zero byte, a hex SHA-256 as its 32 raw bytes behind a length (half the bytes
     * of its hex text, and the same bytes as the delta header's and the entries' hashes, so the connection's
     * compression finds one in the other).
     */
    WireWriter writeHash(String hash) {
        if (hash.isEmpty()) {
            return writeUnsigned(0);
        }
        if (hash.length() == FileEntry.HASH_PREFIX_HEX) { // a hash named by its first 8 bytes (HASH_PREFIXES)
            return writeUnsigned(FileEntry.HASH_PREFIX_BYTES).writeRaw(java.util.HexFormat.of().parseHex(hash));
        }
        return writeUnsigned(SHA256_BYTES).writeRawHash(hash, "a hash");
    }

    /** A hex SHA-256 as its 32 raw bytes, nothing around them. @param what names it in the error */
    WireWriter writeRawHash(String hash, String what) {
        if (hash.length() != 2 * SHA256_BYTES) {
            throw new IllegalArgumentException(what + " is not a hex SHA-256: " + hash);
        }
        try {
            return writeRaw(java.util.HexFormat.of().parseHex(hash));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a hex SHA-256: " + hash, e);
        }
    }

    WireWriter writeBytes(byte[] bytes) {
        writeUnsigned(bytes.length);
        return writeRaw(bytes);
    }

    WireWriter writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    WireWriter writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            long wanted = Math.max((long) buffer.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("payload too large to build: " + wanted + " bytes");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }
}
