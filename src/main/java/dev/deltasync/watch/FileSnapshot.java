package dev.deltasync.watch;

/**
 * What the file system says about one path at one instant; equal snapshots taken some time
 * apart mean the path did not change in between (as far as size and mtime can tell).
 *
 * @param exists     whether anything is at the path (a symbolic link counts, it is not followed)
 * @param directory  whether it is a directory
 * @param size       length in bytes, -1 when it could not be read
 * @param mtimeNanos last-modified time in nanoseconds since the epoch, -1 when it could not be read
 */
public record FileSnapshot(boolean exists, boolean directory, long size, long mtimeNanos) {

    public static final FileSnapshot ABSENT = new FileSnapshot(false, false, 0, 0);

    /** Something is there but could not be read: treated as present so it is never reported as deleted. */
    public static final FileSnapshot UNREADABLE = new FileSnapshot(true, false, -1, -1);

    public static FileSnapshot file(long size, long mtimeNanos) {
        return new FileSnapshot(true, false, size, mtimeNanos);
    }

    public static FileSnapshot directory(long mtimeNanos) {
        return new FileSnapshot(true, true, 0, mtimeNanos);
    }
}
