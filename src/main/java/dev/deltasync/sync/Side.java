package dev.deltasync.sync;

/** One end of a sync: the server's folder or the client's folder. */
public enum Side {
    SERVER, CLIENT;

    public Side other() {
        return this == SERVER ? CLIENT : SERVER;
    }

    /** Lower-case name as used in conflict file names. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
