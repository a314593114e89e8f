package dev.deltasync.rsync;

/** The patched result does not have the length or SHA-256 that the delta promises. */
public class VerificationException extends EngineException {

    public VerificationException(String message) {
        super(message);
    }
}
