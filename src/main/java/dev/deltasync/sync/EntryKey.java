package dev.deltasync.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A few bytes that stand for a path and its content (kind, size, hash, executable bit, link target: what
 * {@link FileEntry#sameContent} compares, mtime aside): the first bytes of a SHA-256 over them. On first
 * contact a client sends one per file, and the server answers with only the entries whose key it does not
 * find, plus which of the client's keys it has. Short keys may collide; {@link TreeDigest} catches it.
 */
public final class EntryKey {

    public static final int MAX_BYTES = 8;

    private EntryKey() {
    }

    /** The 8-byte key. */
    public static long of(FileEntry entry) {
        return of(entry, MAX_BYTES);
    }

    /** The key cut to its first {@code bytes} bytes (1..8), as an unsigned number. */
    public static long of(FileEntry entry, int bytes) {
        byte[] digest = digest(entry);
        long key = 0;
        for (int i = 0; i < bytes; i++) {
            key = key << 8 | (digest[i] & 0xff);
        }
        return key;
    }

    /** The whole SHA-256 the keys are cut from. */
    static byte[] digest(FileEntry entry) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String canonical = entry.kind() + "\0" + entry.path() + "\0" + entry.size() + "\0" + entry.hash() + "\0"
                + entry.executable() + "\0" + entry.linkTarget();
        return sha.digest(canonical.getBytes(StandardCharsets.UTF_8));
    }
}
