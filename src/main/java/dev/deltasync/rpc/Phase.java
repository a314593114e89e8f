package dev.deltasync.rpc;

/** The stage a file's transfer is in, as progress reports and {@code deltasync status} name it. */
public enum Phase {
    /** Looking for what the other side's version shares with ours (refinement rounds, signatures). */
    COMPARING("comparing"),
    SENDING("sending"),
    RECEIVING("receiving"),
    /** Patching, verifying, flushing to disk and moving the file into place. */
    INSTALLING("installing"),
    /** All of it went out; the other side is verifying and installing it. */
    WAITING("waiting for the other side");

    private final String words;

    Phase(String words) {
        this.words = words;
    }

    /** How a user reads it: "comparing", "installing"... */
    public String words() {
        return words;
    }
}
