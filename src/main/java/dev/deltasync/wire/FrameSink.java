package dev.deltasync.wire;

/** Where a producer of frames hands them over (a channel write, a list in tests). */
@FunctionalInterface
public interface FrameSink {
    void send(Frame frame);

    /** Told once the handshake settled what both sides support; a transport may switch on stream compression. */
    default void agreed(long capabilities) {
    }
}
