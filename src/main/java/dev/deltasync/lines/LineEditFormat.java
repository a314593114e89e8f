package dev.deltasync.lines;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Line edits on a stream: first the keys of the receiver's lines that go (a varint count, then 4 bytes each), then
 * each file's edit in the order the files were announced: the number of added lines, and for each the gap since
 * the previous one's index (varint), its length (varint) and its bytes; then the number of placed lines, and for
 * each its key (4 bytes), the number of its indexes and their gaps (varints). Reading trusts nothing: every count
 * and length is bounded.
 */
public final class LineEditFormat {

    /** Lines of a file this format can name (a 1 MiB file of empty lines). */
    public static final int MAX_LINES = 1 << 20;

    private LineEditFormat() {
    }

    /** Keys in one key set, at most: a sketch holds no more lines than this. */
    public static final int MAX_KEYS = 1 << 19;

    /** A set of line keys (lines that go, lines wanted): a varint count, then 4 bytes each. */
    public static void writeKeys(Set<Long> keys, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        writeVarint(data, keys.size());
        for (long key : keys) {
            data.writeInt((int) key);
        }
        data.flush();
    }

    public static Set<Long> readKeys(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            long count = readVarint(data);
            if (count > MAX_KEYS) {
                throw new LineFormatException(count + " line keys: at most " + MAX_KEYS);
            }
            Set<Long> keys = new HashSet<>((int) Math.min(count * 2, 1 << 16));
            for (long i = 0; i < count; i++) {
                keys.add(data.readInt() & 0xFFFF_FFFFL);
            }
            return keys;
        } catch (EOFException e) {
            throw new LineFormatException("a set of line keys ends too early");
        }
    }

    public static void write(LineEdit edit, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        writeVarint(data, edit.added().length);
        int previous = -1;
        for (int i = 0; i < edit.added().length; i++) {
            writeVarint(data, edit.addedAt()[i] - previous - 1);
            previous = edit.addedAt()[i];
            writeVarint(data, edit.added()[i].length);
            data.write(edit.added()[i]);
        }
        writeVarint(data, edit.places().size());
        for (LineEdit.Placement place : edit.places()) {
            data.writeInt((int) place.key());
            writeIndexes(data, place.at());
        }
        data.flush();
    }

    /**
     * Reads the edit of file {@code file}, whose new version has {@code maxBytes} bytes: its added lines cannot
     * hold more.
     */
    public static LineEdit read(InputStream in, int file, long maxBytes) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            int addedCount = readCount(data, "added lines");
            int[] addedAt = new int[addedCount];
            List<byte[]> added = new ArrayList<>(Math.min(addedCount, 4096));
            long at = -1;
            long bytes = 0;
            for (int i = 0; i < addedCount; i++) {
                at += readVarint(data) + 1;
                if (at >= MAX_LINES) {
                    throw new LineFormatException("an added line's index " + at + " is past " + MAX_LINES);
                }
                addedAt[i] = (int) at;
                long length = readVarint(data);
                bytes += length;
                if (bytes > maxBytes) {
                    throw new LineFormatException("added lines of more than the new version's " + maxBytes + " bytes");
                }
                added.add(data.readNBytes((int) length));
                if (added.get(i).length != length) {
                    throw new EOFException();
                }
            }
            int placeCount = readCount(data, "placed lines");
            List<LineEdit.Placement> places = new ArrayList<>(Math.min(placeCount, 4096));
            for (int i = 0; i < placeCount; i++) {
                long key = data.readInt() & 0xFFFF_FFFFL;
                places.add(new LineEdit.Placement(key, readIndexes(data)));
            }
            return new LineEdit(file, addedAt, added.toArray(byte[][]::new), places);
        } catch (EOFException e) {
            throw new LineFormatException("the line edit of file " + file + " ends too early");
        }
    }

    private static void writeIndexes(DataOutputStream out, int[] indexes) throws IOException {
        writeVarint(out, indexes.length);
        int previous = -1;
        for (int index : indexes) {
            writeVarint(out, index - previous - 1);
            previous = index;
        }
    }

    private static int[] readIndexes(DataInputStream in) throws IOException {
        int[] indexes = new int[readCount(in, "indexes of a placed line")];
        long at = -1;
        for (int i = 0; i < indexes.length; i++) {
            at += readVarint(in) + 1;
            if (at >= MAX_LINES) {
                throw new LineFormatException("a placed line's index " + at + " is past " + MAX_LINES);
            }
            indexes[i] = (int) at;
        }
        return indexes;
    }

    private static int readCount(DataInputStream in, String what) throws IOException {
        long count = readVarint(in);
        if (count > MAX_LINES) {
            throw new LineFormatException(count + " " + what + ": at most " + MAX_LINES);
        }
        return (int) count;
    }

    /** LEB128, as everywhere on the wire. */
    public static void writeVarint(DataOutputStream out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    /** A varint of at most 5 bytes (35 bits). */
    public static long readVarint(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new LineFormatException("a varint of more than 5 bytes");
    }

    /** A line edit stream that is not well formed. */
    public static final class LineFormatException extends IOException {
        public LineFormatException(String message) {
            super(message);
        }
    }
}
