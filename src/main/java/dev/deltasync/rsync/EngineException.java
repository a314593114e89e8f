package dev.deltasync.rsync;

import java.io.IOException;

/**
 * A signature, delta or patch could not be produced or applied because an input is wrong
 * (corrupt, truncated, made for another file, changed while being read).
 * It extends {@link IOException} the way {@code java.util.zip.ZipException} does: callers that
 * already handle I/O failures handle these too, and callers that care can catch them apart.
 */
public class EngineException extends IOException {

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
