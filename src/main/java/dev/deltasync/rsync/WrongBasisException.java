package dev.deltasync.rsync;

/** The basis given to the patcher is not the file the delta's signature was made from. */
public class WrongBasisException extends VerificationException {

    public WrongBasisException(String message) {
        super(message);
    }
}
