package dev.deltasync.rpc;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import dev.deltasync.rsync.VerificationException;
import dev.deltasync.sync.ChangedSinceScanException;
import dev.deltasync.wire.ErrorCodes;

/** An I/O failure translated into a wire error code and a sentence a user understands. */
public record Failure(int code, String text) {

    public static Failure of(IOException e) {
        if (e instanceof RemoteException remote) {
            return new Failure(remote.code(), remote.getMessage());
        }
        if (e instanceof NoRoomException) {
            return new Failure(ErrorCodes.DISK_FULL, e.getMessage());
        }
        if (e instanceof VerificationException) {
            return new Failure(ErrorCodes.VERIFICATION, e.getMessage());
        }
        if (e instanceof dev.deltasync.sync.UnsafePathException) {
            return new Failure(ErrorCodes.BAD_PATH, e.getMessage());
        }
        if (e instanceof ChangedSinceScanException) {
            return new Failure(ErrorCodes.CHANGED_SINCE_SCAN, e.getMessage());
        }
        if (e instanceof NoSuchFileException missing) {
            return new Failure(ErrorCodes.NOT_FOUND, missing.getFile() + " does not exist (any more)");
        }
        if (e instanceof AccessDeniedException denied) {
            return new Failure(ErrorCodes.IO, "permission denied: " + denied.getFile());
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left")) {
            return new Failure(ErrorCodes.DISK_FULL, "disk full: " + message);
        }
        return new Failure(ErrorCodes.IO, message);
    }
}
