package dev.deltasync.wire;

/** Codes carried by {@link Error} and {@link Refused}. */
public final class ErrorCodes {

    /** The requested path does not exist. */
    public static final int NOT_FOUND = 1;
    /** The file on disk is not the one the request expected (hash differs): rescan instead of overwriting. */
    public static final int CHANGED_SINCE_SCAN = 2;
    /** The path is unsafe or malformed. */
    public static final int BAD_PATH = 3;
    /** Reading or writing failed. */
    public static final int IO = 4;
    /** No space left on the receiving side. */
    public static final int DISK_FULL = 5;
    /** The peer broke the protocol. */
    public static final int PROTOCOL = 6;
    /** Authentication failed. */
    public static final int AUTH = 7;
    /** The peers speak different protocol versions. */
    public static final int VERSION = 8;
    /** The request is not allowed in the server's mode (e.g. a client push to a server mirror). */
    public static final int NOT_ALLOWED = 9;
    /** A received file did not rebuild to the promised content (or its basis was not the expected one): nothing was installed. */
    public static final int VERIFICATION = 10;

    private ErrorCodes() {
    }

    /** A short name for logs. */
    public static String name(int code) {
        return switch (code) {
            case NOT_FOUND -> "NOT_FOUND";
            case CHANGED_SINCE_SCAN -> "CHANGED_SINCE_SCAN";
            case BAD_PATH -> "BAD_PATH";
            case IO -> "IO";
            case DISK_FULL -> "DISK_FULL";
            case PROTOCOL -> "PROTOCOL";
            case AUTH -> "AUTH";
            case VERSION -> "VERSION";
            case NOT_ALLOWED -> "NOT_ALLOWED";
            case VERIFICATION -> "VERIFICATION";
            default -> "CODE_" + code;
        };
    }
}
