package dev.deltasync.sync;

import java.util.Objects;

/**
 * What one side knows about one path of its shared folder: the unit of manifests,
 * of the last-synced state and of the reconciler's input.
 *
 * @param path       relative, normalised, '/'-separated path (never starts with '/', no '.' or '..' segments)
 * @param kind       file, directory or symbolic link
 * @param size       length in bytes (0 for directories)
 * @param mtimeMillis last-modified time in milliseconds since the epoch
 * @param executable whether the owner-execute bit is set (files only)
 * @param hash       lowercase hex SHA-256 of the content for files, of the link target for symlinks, "" for directories
 * @param linkTarget the link's target for symlinks, "" otherwise
 */
public record FileEntry(String path, Kind kind, long size, long mtimeMillis, boolean executable,
                        String hash, String linkTarget) {

    public enum Kind { FILE, DIR, SYMLINK }

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        hash = hash == null ? "" : hash;
        linkTarget = linkTarget == null ? "" : linkTarget;
    }

    public static FileEntry file(String path, long size, long mtimeMillis, boolean executable, String hash) {
        return new FileEntry(path, Kind.FILE, size, mtimeMillis, executable, hash, "");
    }

    public static FileEntry dir(String path, long mtimeMillis) {
        return new FileEntry(path, Kind.DIR, 0, mtimeMillis, false, "", "");
    }

    public static FileEntry symlink(String path, String target, String targetHash) {
        return new FileEntry(path, Kind.SYMLINK, 0, 0, false, targetHash, target);
    }

    /** The same entry under another path (a move, a conflict copy). */
    public FileEntry withPath(String newPath) {
        return new FileEntry(newPath, kind, size, mtimeMillis, executable, hash, linkTarget);
    }

    /** The same entry with another hash (a batch entry's prefix completed by the receiver, say). */
    public FileEntry withHash(String newHash) {
        return new FileEntry(path, kind, size, mtimeMillis, executable, newHash, linkTarget);
    }

    /** Bytes of the hash prefix a peer may name a file's SHA-256 by, and its hex digits. */
    public static final int HASH_PREFIX_BYTES = 8;
    public static final int HASH_PREFIX_HEX = 2 * HASH_PREFIX_BYTES;

    /** The first 8 bytes of a hex SHA-256 ("" stays ""). */
    public static String hashPrefix(String hash) {
        return hash.length() > HASH_PREFIX_HEX ? hash.substring(0, HASH_PREFIX_HEX) : hash;
    }

    /** This entry naming its hash by the first 8 bytes only. */
    public FileEntry withHashPrefix() {
        return withHash(hashPrefix(hash));
    }

    /** Whether {@code named} names {@code whole}: equal, or its 8-byte prefix. */
    public static boolean hashNames(String whole, String named) {
        return whole.equals(named) || named.length() == HASH_PREFIX_HEX && whole.length() > named.length()
                && whole.startsWith(named);
    }

    /** This entry with {@code whole} as its hash when its own hash is only a prefix of it; otherwise itself. */
    public FileEntry withWholeHash(String whole) {
        return hash.length() == HASH_PREFIX_HEX && hashNames(whole, hash) ? withHash(whole) : this;
    }

    public boolean isFile() { return kind == Kind.FILE; }

    public boolean isDir() { return kind == Kind.DIR; }

    /** Same content and type: what "unchanged" means for reconciliation (mtime alone is not a change). */
    public boolean sameContent(FileEntry other) {
        return other != null && kind == other.kind && hash.equals(other.hash)
                && size == other.size && executable == other.executable && linkTarget.equals(other.linkTarget);
    }
}
