package dev.deltasync.rsync;

/** The input did not have the length announced by the caller, typically because the file changed while it was read. */
public class BasisChangedException extends EngineException {

    public BasisChangedException(String message) {
        super(message);
    }
}
