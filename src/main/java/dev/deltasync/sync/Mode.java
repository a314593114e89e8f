package dev.deltasync.sync;

/** The server's choice of what happens to files that differ (the seed's table). */
public enum Mode {
    /** 0: union of both folders; on conflict the client's version wins. */
    UNION_CLIENT_WINS(0),
    /** 1: union of both folders; on conflict the server's version wins. */
    UNION_SERVER_WINS(1),
    /** 2: the server becomes a mirror of the client. */
    MIRROR_CLIENT_TO_SERVER(2),
    /** 3: the client becomes a mirror of the server. */
    MIRROR_SERVER_TO_CLIENT(3);

    private final int number;

    Mode(int number) { this.number = number; }

    public int number() { return number; }

    public boolean isMirror() { return this == MIRROR_CLIENT_TO_SERVER || this == MIRROR_SERVER_TO_CLIENT; }

    public static Mode of(int number) {
        for (Mode m : values()) {
            if (m.number == number) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode must be 0, 1, 2 or 3, not " + number);
    }
}
