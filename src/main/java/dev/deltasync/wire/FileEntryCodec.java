package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;
import java.util.HexFormat;

/**
 * Binary form of a {@link FileEntry}: path (string), bits (u8: kind in bits 0-1, bit 2 executable,
 * bit 3 hash present, bit 4 hash prefix present, bit 5 mode present), size (varint), mtime (zigzag varint), mode
 * (varint permission bits, when present), hash (32 raw bytes when
 * present, or the first {@link FileEntry#HASH_PREFIX_BYTES} of it: a batch entry's hash as {@code PutBatch.withHashPrefixes}
 * cuts it), link target (string, symlinks only). A typical entry takes 45 bytes plus its path.
 */
public final class FileEntryCodec {

    private static final int KIND_MASK = 0b0011;
    private static final int EXECUTABLE = 0b0100;
    private static final int HAS_HASH = 0b1000;
    private static final int HAS_PREFIX = 0b10000;
    private static final int HAS_MODE = 0b100000;
    private static final FileEntry.Kind[] KINDS = FileEntry.Kind.values();

    private FileEntryCodec() {
    }

    static void write(FileEntry entry, WireWriter out) {
        boolean prefix = entry.hash().length() == FileEntry.HASH_PREFIX_HEX;
        boolean hasHash = !entry.hash().isEmpty() && !prefix;
        int bits = entry.kind().ordinal() | (entry.executable() ? EXECUTABLE : 0) | (hasHash ? HAS_HASH : 0)
                | (prefix ? HAS_PREFIX : 0) | (entry.hasMode() ? HAS_MODE : 0);
        out.writeString(entry.path()).writeByte(bits).writeUnsigned(entry.size()).writeSigned(entry.mtimeMillis());
        if (entry.hasMode()) {
            out.writeUnsigned(entry.mode());
        }
        if (hasHash) {
            out.writeRawHash(entry.hash(), "hash of '" + entry.path() + "'");
        } else if (prefix) {
            out.writeRaw(HexFormat.of().parseHex(entry.hash()));
        }
        if (entry.kind() == FileEntry.Kind.SYMLINK) {
            out.writeString(entry.linkTarget());
        }
    }

    static FileEntry read(WireReader in) {
        String path = in.readString("path");
        int bits = in.readByte();
        if ((bits & ~(KIND_MASK | EXECUTABLE | HAS_HASH | HAS_PREFIX | HAS_MODE)) != 0 || (bits & KIND_MASK) >= KINDS.length
                || (bits & HAS_HASH) != 0 && (bits & HAS_PREFIX) != 0) {
            throw in.fail("entry '" + path + "' has unknown bits " + Integer.toBinaryString(bits));
        }
        FileEntry.Kind kind = KINDS[bits & KIND_MASK];
        long size = in.readNonNegative("size of '" + path + "'");
        long mtime = in.readSigned();
        int mode = FileEntry.UNKNOWN_MODE;
        if ((bits & HAS_MODE) != 0) {
            long bitsOfMode = in.readNonNegative("mode of '" + path + "'");
            if (bitsOfMode > FileEntry.PERMISSION_BITS) {
                throw in.fail("entry '" + path + "' has mode " + Long.toOctalString(bitsOfMode)
                        + ", beyond rwxrwxrwx");
            }
            mode = (int) bitsOfMode;
        }
        String hash = (bits & HAS_HASH) != 0 ? in.readRawHash("hash of '" + path + "'")
                : (bits & HAS_PREFIX) != 0 ? HexFormat.of().formatHex(in.readRaw(FileEntry.HASH_PREFIX_BYTES, "hash prefix of '"
                + path + "'")) : "";
        String linkTarget = kind == FileEntry.Kind.SYMLINK ? in.readString("link target of '" + path + "'") : "";
        return new FileEntry(path, kind, size, mtime, (bits & EXECUTABLE) != 0, hash, linkTarget,
                kind == FileEntry.Kind.SYMLINK ? FileEntry.UNKNOWN_MODE : mode);
    }

    /** Bytes the entry takes on the wire. */
    public static int encodedSize(FileEntry entry) {
        WireWriter out = new WireWriter(entry.path().length() + 64);
        write(entry, out);
        return out.size();
    }
}
