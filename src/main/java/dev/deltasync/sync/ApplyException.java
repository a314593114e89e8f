package dev.deltasync.sync;

import java.io.IOException;

/** A change could not be written to the folder; the file named in the message was left as it was. */
public class ApplyException extends IOException {

    public ApplyException(String message) {
        super(message);
    }

    public ApplyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Wraps a low-level failure, in words, naming the file. */
    static ApplyException writing(String path, IOException cause) {
        if (cause instanceof ApplyException apply) {
            return apply;
        }
        String reason = String.valueOf(cause.getMessage());
        if (reason.contains("No space left")) {
            return new ApplyException("no space left on the device while writing " + path
                    + "; the previous version of the file is intact", cause);
        }
        return new ApplyException("cannot write " + path + ": " + cause, cause);
    }
}
