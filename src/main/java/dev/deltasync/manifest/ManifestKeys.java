package dev.deltasync.manifest;

import dev.deltasync.rpc.RemoteException;

import dev.deltasync.sync.EntryKey;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.ManifestChunker;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * First contact without sending what both sides already have: the client sends an {@link EntryKey} per
 * entry, the server answers with its entries whose key the client did not send, and one bit per client
 * key saying whether the server has that entry as it is. The client then knows the server's whole tree.
 * Keys are as short as the folder's size allows ({@link #keyBytesFor}); a collision is caught by the
 * {@link dev.deltasync.sync.TreeDigest} the server adds to its answer.
 */
public final class ManifestKeys {

    /** The server's answer to the keys. */
    public record Split(List<FileEntry> theyLack, BitSet same) {
    }

    private ManifestKeys() {
    }

    /**
     * Bytes per key for a folder of {@code entries}: about 2·log2(n) + 10 bits, so that even when every entry
     * differs a collision (caught, then paid for with a whole manifest) happens about once in a thousand first
     * contacts; 4 bytes up to ~2,000 files, 5 up to ~45,000, 6 up to ~700,000. The system property
     * {@code deltasync.manifestKeyBytes} forces a length (tests use 1 to make collisions certain).
     */
    public static int keyBytesFor(int entries) {
        Integer forced = Integer.getInteger("deltasync.manifestKeyBytes");
        if (forced != null) {
            return Math.max(1, Math.min(EntryKey.MAX_BYTES, forced));
        }
        double bits = 2 * Math.log(Math.max(2, entries)) / Math.log(2) + 10;
        int bytes = Math.max(4, Math.min(EntryKey.MAX_BYTES, (int) Math.ceil(bits / 8)));
        // short keys cost the answer a 16-byte tree digest: not worth it for a handful of files
        return (long) entries * (EntryKey.MAX_BYTES - bytes) > 4 * 16 ? bytes : EntryKey.MAX_BYTES;
    }

    /** Whether keys for this many entries are worth sending (their bits must fit in the answer's last frame). */
    public static boolean worthSending(int entries, int maxFrame) {
        return entries > 0 && ManifestChunker.fits(entries, maxFrame);
    }

    public static void write(List<FileEntry> ours, int keyBytes, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        for (FileEntry entry : ours) {
            long key = EntryKey.of(entry, keyBytes);
            for (int shift = 8 * (keyBytes - 1); shift >= 0; shift -= 8) {
                data.writeByte((int) (key >>> shift));
            }
        }
        data.flush();
    }

    /** Reads the keys of {@code keyBytes} bytes a client sent, refusing a count whose answer could not fit. */
    public static long[] read(Path spool, int keyBytes, int maxFrame) throws IOException {
        long size = Files.size(spool);
        if (keyBytes < 1 || keyBytes > EntryKey.MAX_BYTES || size % keyBytes != 0
                || !ManifestChunker.fits((int) Math.min(Integer.MAX_VALUE, size / keyBytes), maxFrame)) {
            throw new RemoteException(ErrorCodes.PROTOCOL, "manifest keys: " + size + " bytes of " + keyBytes
                    + "-byte keys is not a usable key list");
        }
        long[] keys = new long[(int) (size / keyBytes)];
        try (InputStream in = Files.newInputStream(spool); DataInputStream data = new DataInputStream(
                new java.io.BufferedInputStream(in))) {
            for (int i = 0; i < keys.length; i++) {
                long key = 0;
                for (int b = 0; b < keyBytes; b++) {
                    key = key << 8 | data.readUnsignedByte();
                }
                keys[i] = key;
            }
        }
        return keys;
    }

    public static Split split(List<FileEntry> ours, long[] theirKeys, int keyBytes) {
        Set<Long> theirs = new HashSet<>(theirKeys.length * 2);
        for (long key : theirKeys) {
            theirs.add(key);
        }
        Set<Long> mine = new HashSet<>(ours.size() * 2);
        List<FileEntry> theyLack = new ArrayList<>();
        for (FileEntry entry : ours) {
            long key = EntryKey.of(entry, keyBytes);
            mine.add(key);
            if (!theirs.contains(key)) {
                theyLack.add(entry);
            }
        }
        BitSet same = new BitSet(theirKeys.length);
        for (int i = 0; i < theirKeys.length; i++) {
            if (mine.contains(theirKeys[i])) {
                same.set(i);
            }
        }
        return new Split(theyLack, same);
    }

    /** The server's whole tree, from its answer and the entries the keys were made from (in the same order). */
    public static Map<String, FileEntry> tree(List<FileEntry> received, BitSet same, List<FileEntry> ours) {
        Map<String, FileEntry> tree = new java.util.LinkedHashMap<>();
        for (int i = same.nextSetBit(0); i >= 0 && i < ours.size(); i = same.nextSetBit(i + 1)) {
            tree.put(ours.get(i).path(), ours.get(i));
        }
        received.forEach(entry -> tree.put(entry.path(), entry));
        return tree;
    }
}
