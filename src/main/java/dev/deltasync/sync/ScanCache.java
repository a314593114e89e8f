package dev.deltasync.sync;

import java.util.Set;

/** Hashes remembered from earlier scans, so files whose size and mtime did not move are not read again. */
public interface ScanCache {

    /** The remembered hash when {@code path} was hashed at exactly this size and mtime; null otherwise. */
    String hashIfUnchanged(String path, long size, long mtimeMillis);

    void remember(String path, long size, long mtimeMillis, String hash);

    /** Drops every remembered path not in {@code paths} (after a full scan). */
    void retainOnly(Set<String> paths);

    /** A cache that remembers nothing: every scan hashes every file. */
    static ScanCache none() {
        return new ScanCache() {
            public String hashIfUnchanged(String path, long size, long mtimeMillis) { return null; }
            public void remember(String path, long size, long mtimeMillis, String hash) { }
            public void retainOnly(Set<String> paths) { }
        };
    }
}
