package dev.deltasync.sync;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Compact binary form of a {@link FileEntry} without its path (the path is the key it is stored under):
 * version, kind, flags, varint size, zig-zag varint mtime, hash (32 raw bytes when it is a SHA-256 hex string),
 * link target, then (version 2) the mode as a varint, 0 when unknown and the permission bits plus one otherwise.
 * Version 1 entries (without a mode) still read, as entries of unknown mode. A typical file entry takes about 47 bytes.
 */
final class FileEntryCodec {

    private static final int VERSION = 2;
    private static final int VERSION_WITHOUT_MODE = 1;
    private static final int HASH_NONE = 0;
    private static final int HASH_SHA256 = 1;
    private static final int HASH_TEXT = 2;
    private static final HexFormat HEX = HexFormat.of();

    private FileEntryCodec() {
    }

    static byte[] encode(FileEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(48);
        out.write(VERSION);
        out.write(entry.kind().ordinal());
        out.write(entry.executable() ? 1 : 0);
        writeVarLong(out, entry.size());
        writeVarLong(out, (entry.mtimeMillis() << 1) ^ (entry.mtimeMillis() >> 63));
        writeHash(out, entry.hash());
        writeText(out, entry.linkTarget());
        writeVarLong(out, entry.mode() + 1L);
        return out.toByteArray();
    }

    static FileEntry decode(String path, byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int version = in.get();
            if (version != VERSION && version != VERSION_WITHOUT_MODE) {
                throw new IllegalArgumentException("unknown format version " + version);
            }
            FileEntry.Kind kind = FileEntry.Kind.values()[in.get()];
            boolean executable = (in.get() & 1) != 0;
            long size = readVarLong(in);
            long zigzag = readVarLong(in);
            long mtime = (zigzag >>> 1) ^ -(zigzag & 1);
            String hash = readHash(in);
            String linkTarget = readText(in);
            int mode = version == VERSION_WITHOUT_MODE ? FileEntry.UNKNOWN_MODE : (int) readVarLong(in) - 1;
            return new FileEntry(path, kind, size, mtime, executable, hash, linkTarget, mode);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IllegalArgumentException("corrupt stored entry for " + path + ": " + e.getMessage(), e);
        }
    }

    private static void writeHash(ByteArrayOutputStream out, String hash) {
        if (hash.isEmpty()) {
            out.write(HASH_NONE);
        } else if (hash.length() == 64 && hash.chars().allMatch(c -> Character.digit(c, 16) >= 0
                && !Character.isUpperCase(c))) {
            out.write(HASH_SHA256);
            out.writeBytes(HEX.parseHex(hash));
        } else {
            out.write(HASH_TEXT);
            writeText(out, hash);
        }
    }

    private static String readHash(ByteBuffer in) {
        int form = in.get();
        return switch (form) {
            case HASH_NONE -> "";
            case HASH_SHA256 -> {
                byte[] raw = new byte[32];
                in.get(raw);
                yield HEX.formatHex(raw);
            }
            case HASH_TEXT -> readText(in);
            default -> throw new IllegalArgumentException("unknown hash form " + form);
        };
    }

    private static void writeText(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        writeVarLong(out, utf8.length);
        out.writeBytes(utf8);
    }

    private static String readText(ByteBuffer in) {
        long length = readVarLong(in);
        if (length > in.remaining()) {
            throw new IllegalArgumentException("text length " + length + " exceeds the entry");
        }
        byte[] utf8 = new byte[(int) length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeVarLong(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readVarLong(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 64 bits");
    }
}
