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
 * @param mode       permission bits (rwx for owner, group and others: 0 to 0777) of files and directories as the
 *                   source holds them; {@link #UNKNOWN_MODE} where the source cannot tell (symlinks, file systems
 *                   without POSIX permissions, entries stored before modes were kept)
 */
public record FileEntry(String path, Kind kind, long size, long mtimeMillis, boolean executable,
                        String hash, String linkTarget, int mode) {

    /** The mode of an entry whose source did not tell it: the receiver uses its own default. */
    public static final int UNKNOWN_MODE = -1;
    /** The permission bits a mode may carry (no setuid, setgid or sticky bit). */
    public static final int PERMISSION_BITS = 0777;

    public enum Kind { FILE, DIR, SYMLINK }

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        hash = hash == null ? "" : hash;
        linkTarget = linkTarget == null ? "" : linkTarget;
        if (mode != UNKNOWN_MODE && (mode & ~PERMISSION_BITS) != 0) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " of " + path
                    + " has bits beyond rwxrwxrwx");
        }
    }

    /** An entry whose mode is not known. */
    public FileEntry(String path, Kind kind, long size, long mtimeMillis, boolean executable, String hash,
                     String linkTarget) {
        this(path, kind, size, mtimeMillis, executable, hash, linkTarget, UNKNOWN_MODE);
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
        return new FileEntry(newPath, kind, size, mtimeMillis, executable, hash, linkTarget, mode);
    }

    /** The same entry with another hash (a batch entry's prefix completed by the receiver, say). */
    public FileEntry withHash(String newHash) {
        return new FileEntry(path, kind, size, mtimeMillis, executable, newHash, linkTarget, mode);
    }

    /**
     * The same entry with these permission bits (symlinks keep none). A file's executable flag follows the owner's
     * execute bit.
     */
    public FileEntry withMode(int newMode) {
        if (kind == Kind.SYMLINK || newMode == UNKNOWN_MODE) {
            return new FileEntry(path, kind, size, mtimeMillis, executable, hash, linkTarget, UNKNOWN_MODE);
        }
        boolean ownerExecute = kind == Kind.FILE && (newMode & 0100) != 0;
        return new FileEntry(path, kind, size, mtimeMillis, ownerExecute, hash, linkTarget, newMode);
    }

    public boolean hasMode() {
        return mode != UNKNOWN_MODE;
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
