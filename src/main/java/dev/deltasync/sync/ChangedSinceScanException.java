package dev.deltasync.sync;

/**
 * The file on disk is no longer what the scan saw, so it was not touched: the caller rescans and reconciles
 * again (Syncthing's "changed since scanned").
 */
public final class ChangedSinceScanException extends ApplyException {

    public ChangedSinceScanException(String message) {
        super(message);
    }
}
