package dev.deltasync.rsync;

/** A signature stream is not a valid signature (wrong magic or version, impossible values, truncated, damaged). */
public class SignatureFormatException extends EngineException {

    public SignatureFormatException(String message) {
        super(message);
    }
}
