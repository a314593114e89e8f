package dev.deltasync.lines;

/** A line edit that does not fit the receiver's version of the file: the file goes another way. */
public final class LinePatchException extends Exception {

    public LinePatchException(String message) {
        super(message);
    }
}
