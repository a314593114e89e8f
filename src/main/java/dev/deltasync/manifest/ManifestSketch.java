package dev.deltasync.manifest;

import dev.deltasync.rpc.RemoteException;

import dev.deltasync.sync.EntryKey;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.KeySketch;
import dev.deltasync.wire.ErrorCodes;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * First contact by key sketch ({@link KeySketch}): how many symbols to start with, when a sketch beats plain keys
 * ({@link ManifestKeys}), how far the server lets it grow, and the symbols' bytes in the request's stream.
 */
public final class ManifestSketch {

    /**
     * Symbols sent with the first request: enough to settle a difference of a dozen entries at once (the common
     * first contact of two copies of a tree), few enough to cost little when the server must ask for more.
     */
    public static final int FIRST_SYMBOLS = 32;
    /** No sketch grows beyond this (20 MB of decoder state on the server); larger differences use plain keys. */
    public static final long MAX_SYMBOLS = 1 << 20;

    private ManifestSketch() {
    }

    /** Whether a sketch is likely to cost less than the keys: the keys must be worth a few first requests. */
    public static boolean worthSketching(int entries, int keyBytes) {
        return (long) entries * keyBytes > 4L * FIRST_SYMBOLS * KeySketch.symbolBytes(keyBytes);
    }

    /**
     * The most symbols worth asking a client of {@code entries} keys for: past this the sketch would cost more
     * than the plain keys (and their "same" bits), which the server then asks for instead.
     */
    public static long symbolLimit(int entries, int keyBytes) {
        return Math.min(MAX_SYMBOLS,
                Math.max(4L * FIRST_SYMBOLS, (long) entries * keyBytes / KeySketch.symbolBytes(keyBytes)));
    }

    /** Entries in ascending key order (the order of the answer's "same" bits) and their keys, in the same order. */
    public record ByKey(List<FileEntry> entries, long[] keys) {
    }

    /** Our entries in ascending key order, or null if two share a key. */
    public static ByKey byKey(List<FileEntry> entries, int keyBytes) {
        record Keyed(long key, FileEntry entry) {
        }
        List<Keyed> sorted = entries.stream().map(e -> new Keyed(EntryKey.of(e, keyBytes), e))
                .sorted(Comparator.comparingLong(Keyed::key)).toList(); // each key hashed once, not per comparison
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).key() == sorted.get(i - 1).key()) {
                return null;
            }
        }
        return new ByKey(sorted.stream().map(Keyed::entry).toList(), sorted.stream().mapToLong(Keyed::key).toArray());
    }

    public static long[] keys(List<FileEntry> entries, int keyBytes) {
        return entries.stream().mapToLong(e -> EntryKey.of(e, keyBytes)).toArray();
    }

    public static void write(KeySketch.Symbols symbols, int keyBytes, OutputStream out) throws IOException {
        write(symbols, keyBytes, KeySketch.CHECK_BYTES, out);
    }

    /** Symbols with their check hashes cut to {@code checkBytes} (their low bytes). */
    public static void write(KeySketch.Symbols symbols, int keyBytes, int checkBytes, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        for (int i = 0; i < symbols.size(); i++) {
            data.writeByte(symbols.count(i));
            writeBytes(data, symbols.sum(i), keyBytes);
            writeBytes(data, symbols.checkSum(i), checkBytes);
        }
        data.flush();
    }

    /** Reads the symbols a client sent, from index {@code from}, refusing more than {@code upTo} in all. */
    public static KeySketch.Symbols read(Path spool, long from, int keyBytes, long upTo) throws IOException {
        int symbolBytes = KeySketch.symbolBytes(keyBytes);
        long size = Files.size(spool);
        if (size % symbolBytes != 0 || from + size / symbolBytes > upTo || size == 0) {
            throw new RemoteException(ErrorCodes.PROTOCOL, "key sketch: " + size + " bytes of " + symbolBytes
                    + "-byte symbols from symbol " + from + " is not what was asked for (up to " + upTo + ")");
        }
        try (InputStream in = Files.newInputStream(spool);
             DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
            return readSymbols(data, from, (int) (size / symbolBytes), keyBytes, KeySketch.CHECK_BYTES);
        }
    }

    /** {@code count} symbols as {@link #write} wrote them, the first of them symbol {@code from}. */
    public static KeySketch.Symbols readSymbols(DataInputStream in, long from, int count, int keyBytes, int checkBytes)
            throws IOException {
        KeySketch.Symbols symbols = new KeySketch.Symbols(from, count);
        for (int i = 0; i < count; i++) {
            int symbolCount = in.readUnsignedByte();
            long sum = readBytes(in, keyBytes);
            symbols.set(i, symbolCount, sum, readBytes(in, checkBytes));
        }
        return symbols;
    }

    private static void writeBytes(DataOutputStream out, long value, int bytes) throws IOException {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out.writeByte((int) (value >>> shift));
        }
    }

    private static long readBytes(DataInputStream in, int bytes) throws IOException {
        long value = 0;
        for (int b = 0; b < bytes; b++) {
            value = value << 8 | in.readUnsignedByte();
        }
        return value;
    }
}
