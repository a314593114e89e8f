package dev.deltasync.session;

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
 */
final class ManifestKeys {

    /** The server's answer to the keys. */
    record Split(List<FileEntry> theyLack, BitSet same) {
    }

    private ManifestKeys() {
    }

    /** Whether keys for this many entries are worth sending (their bits must fit in the answer's last frame). */
    static boolean worthSending(int entries, int maxFrame) {
        return entries > 0 && ManifestChunker.fits(entries, maxFrame);
    }

    static void write(List<FileEntry> ours, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        for (FileEntry entry : ours) {
            data.writeLong(EntryKey.of(entry));
        }
        data.flush();
    }

    /** Reads the keys a client sent, refusing a count whose answer could not fit. */
    static long[] read(Path spool, int maxFrame) throws IOException {
        long size = Files.size(spool);
        if (size % 8 != 0 || !ManifestChunker.fits((int) Math.min(Integer.MAX_VALUE, size / 8), maxFrame)) {
            throw new RemoteException(ErrorCodes.PROTOCOL, "manifest keys: " + size + " bytes is not a usable key list");
        }
        long[] keys = new long[(int) (size / 8)];
        try (InputStream in = Files.newInputStream(spool); DataInputStream data = new DataInputStream(
                new java.io.BufferedInputStream(in))) {
            for (int i = 0; i < keys.length; i++) {
                keys[i] = data.readLong();
            }
        }
        return keys;
    }

    static Split split(List<FileEntry> ours, long[] theirKeys) {
        Set<Long> theirs = new HashSet<>(theirKeys.length * 2);
        for (long key : theirKeys) {
            theirs.add(key);
        }
        Set<Long> mine = new HashSet<>(ours.size() * 2);
        List<FileEntry> theyLack = new ArrayList<>();
        for (FileEntry entry : ours) {
            long key = EntryKey.of(entry);
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
    static Map<String, FileEntry> tree(List<FileEntry> received, BitSet same, List<FileEntry> ours) {
        Map<String, FileEntry> tree = new java.util.LinkedHashMap<>();
        for (int i = same.nextSetBit(0); i >= 0 && i < ours.size(); i = same.nextSetBit(i + 1)) {
            tree.put(ours.get(i).path(), ours.get(i));
        }
        received.forEach(entry -> tree.put(entry.path(), entry));
        return tree;
    }
}
