package dev.deltasync.sync;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * 128 bits that stand for a whole tree's content (each entry as {@link EntryKey} sees it, in path order). The
 * server sends it with a first-contact answer to short keys; the client computes it over the tree it rebuilt
 * from its own entries and the server's answer, so a key that collided (an entry taken for one the client has)
 * cannot go unnoticed: the client then asks for the whole manifest.
 */
public final class TreeDigest {

    private TreeDigest() {
    }

    public static String of(Collection<FileEntry> entries) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<FileEntry> sorted = entries.stream().sorted(Comparator.comparing(FileEntry::path)).toList();
        for (FileEntry entry : sorted) {
            sha.update(EntryKey.digest(entry));
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
