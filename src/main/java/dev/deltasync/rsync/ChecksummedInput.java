package dev.deltasync.rsync;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * Big-endian reader that keeps a CRC32C of what it read and turns a premature end of the stream into
 * a format exception that says where and what was being read.
 */
final class ChecksummedInput {

    private final InputStream in;
    private final CRC32C crc = new CRC32C();
    private final byte[] scratch = new byte[8];
    private final Function<String, EngineException> error;
    private long position;

    ChecksummedInput(InputStream in, Function<String, EngineException> error) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.error = error;
    }

    int readUnsignedByte(String what) throws IOException {
        readFully(scratch, 0, 1, what);
        return scratch[0] & 0xff;
    }

    int readInt(String what) throws IOException {
        readFully(scratch, 0, 4, what);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (scratch[i] & 0xff);
        }
        return value;
    }

    long readLong(String what) throws IOException {
        readFully(scratch, 0, 8, what);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (scratch[i] & 0xff);
        }
        return value;
    }

    void readFully(byte[] dest, int offset, int length, String what) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(dest, offset + done, length - done);
            if (n < 0) {
                throw error.apply("truncated: the stream ends at byte " + (position + done) + " while reading " + what);
            }
            done += n;
        }
        crc.update(dest, offset, length);
        position += length;
    }

    /** An unsigned LEB128 varint of at most 9 bytes (63 bits). */
    long readVarint(String what) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            int b = readUnsignedByte(what);
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw error("has a varint longer than 63 bits in " + what);
    }

    /** Checks that nothing follows (a format that ends without a checksum). */
    void verifyEnd() throws IOException {
        if (in.read() >= 0) {
            throw error.apply("unexpected bytes after the end, at byte " + position);
        }
    }

    /** Reads the trailing CRC32C, compares it with the bytes read so far, and checks nothing follows. */
    void verifyCrcAndEnd() throws IOException {
        verifyCrcAndEnd(new byte[0]);
    }

    /** Like {@link #verifyCrcAndEnd()}, with {@code alsoCovered} (known to both sides, not sent) in the checksum. */
    void verifyCrcAndEnd(byte[] alsoCovered) throws IOException {
        crc.update(alsoCovered, 0, alsoCovered.length);
        int expected = (int) crc.getValue();
        int stored = readInt("the CRC32C checksum");
        if (stored != expected) {
            throw error.apply("damaged: its CRC32C checksum does not match its contents");
        }
        if (in.read() >= 0) {
            throw error.apply("unexpected bytes after the end, at byte " + position);
        }
    }

    long position() {
        return position;
    }

    EngineException error(String message) {
        return error.apply(message + " (at byte " + position + ")");
    }
}
