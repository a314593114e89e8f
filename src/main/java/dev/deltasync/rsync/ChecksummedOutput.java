package dev.deltasync.rsync;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/** Big-endian writer that counts its bytes and keeps a CRC32C of them (hardware-accelerated in the JDK). */
final class ChecksummedOutput {

    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private final byte[] scratch = new byte[8];
    private long count;

    ChecksummedOutput(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    void writeByte(int value) throws IOException {
        scratch[0] = (byte) value;
        write(scratch, 0, 1);
    }

    /** An unsigned LEB128 varint (value >= 0). */
    void writeVarint(long value) throws IOException {
        while ((value & ~0x7fL) != 0) {
            writeByte((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        writeByte((int) value);
    }

    void writeInt(int value) throws IOException {
        for (int i = 0; i < 4; i++) {
            scratch[i] = (byte) (value >>> (24 - 8 * i));
        }
        write(scratch, 0, 4);
    }

    void writeLong(long value) throws IOException {
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (value >>> (56 - 8 * i));
        }
        write(scratch, 0, 8);
    }

    void write(byte[] data, int offset, int length) throws IOException {
        crc.update(data, offset, length);
        out.write(data, offset, length);
        count += length;
    }

    /** Flushes without a CRC (for content checked some other way). */
    void flush() throws IOException {
        out.flush();
    }

    /** Appends the CRC32C of everything written so far (not itself covered) and flushes. */
    void finishWithCrc() throws IOException {
        finishWithCrc(new byte[0]);
    }

    /** Appends the CRC32C of everything written and then of {@code alsoCovered}, which is not written. */
    void finishWithCrc(byte[] alsoCovered) throws IOException {
        crc.update(alsoCovered, 0, alsoCovered.length);
        writeInt((int) crc.getValue());
        out.flush();
    }

    long count() {
        return count;
    }
}
