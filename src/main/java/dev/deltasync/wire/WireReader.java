package dev.deltasync.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.deltasync.sync.FileEntry;

/**
 * Reads what {@link WireWriter} wrote, trusting nothing: every length is checked against the bytes that are
 * really left, so hostile input fails with a {@link ProtocolException} and never allocates more than it sent.
 */
final class WireReader {

    private static final int SHA256_BYTES = 32;

    private final byte[] data;
    private final String what;
    private int position;

    /** @param what names the message being read, for error texts */
    WireReader(byte[] data, String what) {
        this.data = data;
        this.what = what;
    }

    int readByte() {
        need(1, "a byte");
        return data[position++] & 0xFF;
    }

    boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            throw fail("a boolean must be 0 or 1, not " + b);
        }
        return b == 1;
    }

    long readUnsigned() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            if (shift == 63 && b > 1) {
                throw fail("varint does not fit in 64 bits");
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw fail("varint longer than 10 bytes");
    }

    long readSigned() {
        long raw = readUnsigned();
        return (raw >>> 1) ^ -(raw & 1);
    }

    int readSignedInt(String field) {
        long value = readSigned();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw fail(field + " does not fit in 32 bits: " + value);
        }
        return (int) value;
    }

    long readNonNegative(String field) {
        long value = readUnsigned();
        if (value < 0) {
            throw fail(field + " is negative: " + value);
        }
        return value;
    }

    /** A count of following items, each taking at least one byte: cannot exceed what is left. */
    int readCount(String field) {
        long count = readUnsigned();
        if (count < 0 || count > remaining()) {
            throw fail(field + " count " + Long.toUnsignedString(count) + " exceeds the " + remaining()
                    + " bytes left");
        }
        return (int) count;
    }

    byte[] readBytes(String field) {
        return readRaw(readCount(field + " length"), field);
    }

    byte[] readRaw(int length, String field) {
        need(length, field);
        byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    byte[] readRest() {
        return readRaw(remaining(), "rest");
    }

    String readString(String field) {
        int length = readCount(field + " length");
        need(length, field);
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, position, length))
                    .toString();
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw fail(field + " is not valid UTF-8");
        }
    }

    /** What {@link WireWriter#writeHash} wrote: "" or a lower-case hex SHA-256. */
    String readHash(String field) {
        long length = readUnsigned();
        if (length == 0) {
            return "";
        }
        if (length == FileEntry.HASH_PREFIX_BYTES) {
            return java.util.HexFormat.of().formatHex(readRaw(FileEntry.HASH_PREFIX_BYTES, field));
        }
        if (length != SHA256_BYTES) {
            throw fail(field + " is " + length + " bytes, not a 32-byte SHA-256 or its 8-byte prefix");
        }
        return readRawHash(field);
    }

    /** 32 raw bytes of a SHA-256, as lower-case hex. */
    String readRawHash(String field) {
        return java.util.HexFormat.of().formatHex(readRaw(SHA256_BYTES, field));
    }

    int remaining() {
        return data.length - position;
    }

    /** Ignores what is left (a message of another protocol version, refused for its version alone). */
    void skipRest() {
        position = data.length;
    }

    void expectEnd() {
        if (remaining() != 0) {
            throw fail(remaining() + " unexpected bytes after the message");
        }
    }

    ProtocolException fail(String problem) {
        return new ProtocolException("malformed " + what + " at byte " + position + ": " + problem);
    }

    private void need(int count, String field) {
        if (count > remaining()) {
            throw fail("truncated: " + field + " needs " + count + " bytes, only " + remaining() + " left");
        }
    }
}
