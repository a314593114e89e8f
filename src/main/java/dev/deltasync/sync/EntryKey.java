package dev.deltasync.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Eight bytes that stand for a path and its content (kind, size, hash, executable bit, link target: what
 * {@link FileEntry#sameContent} compares, mtime aside). On first contact a client sends one per file, and the
 * server answers with only the entries whose key it does not find, plus which of the client's keys it has.
 * Two different entries share a key with probability 2^-64.
 */
public final class EntryKey {

    private EntryKey() {
    }

    public static long of(FileEntry entry) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String canonical = entry.kind() + "\0" + entry.path() + "\0" + entry.size() + "\0" + entry.hash() + "\0"
                + entry.executable() + "\0" + entry.linkTarget();
        byte[] digest = sha.digest(canonical.getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = key << 8 | (digest[i] & 0xff);
        }
        return key;
    }
}
