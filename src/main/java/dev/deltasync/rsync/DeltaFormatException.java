package dev.deltasync.rsync;

/** A delta stream is not a valid delta (wrong magic or version, bad op, copy outside the basis, truncated, damaged). */
public class DeltaFormatException extends EngineException {

    public DeltaFormatException(String message) {
        super(message);
    }
}
