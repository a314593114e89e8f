package dev.deltasync.wire;

/** Optional features as bits of the capabilities field of Hello and Challenge. */
public final class Capabilities {

    /** Stream chunks may be zstd-compressed. */
    public static final long ZSTD = 1L;
    /** Everything this build supports. */
    public static final long SUPPORTED = ZSTD;

    private Capabilities() {
    }

    /** What both sides support. */
    public static long agreed(long ours, long theirs) {
        return ours & theirs;
    }

    public static boolean has(long capabilities, long bit) {
        return (capabilities & bit) != 0;
    }
}
