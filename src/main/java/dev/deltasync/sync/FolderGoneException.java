package dev.deltasync.sync;

import java.io.IOException;

/**
 * The shared folder looks gone (missing, unmounted, emptied, or its marker lost) although it was synced before:
 * syncing now would propagate mass deletions, so the sync is refused.
 */
public final class FolderGoneException extends IOException {

    public FolderGoneException(String message) {
        super(message);
    }
}
