package dev.deltasync.sync;

/**
 * A path (or a symlink's target) that would lead outside the folder or into its metadata once resolved on the
 * disk: refused before anything is read or written, naming the path and why.
 */
public final class UnsafePathException extends ApplyException {

    private final String path;
    private final String reason;

    public UnsafePathException(String path, String reason) {
        super("refusing path '" + path + "': " + reason);
        this.path = path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
