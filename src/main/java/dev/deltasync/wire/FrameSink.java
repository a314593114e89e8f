package dev.deltasync.wire;

/** Where a producer of frames hands them over (a channel write, a list in tests). */
@FunctionalInterface
public interface FrameSink {
    void send(Frame frame);

    /** Told once the handshake is done: a transport switches on stream compression ({@link StreamCompressionEncoder}). */
    default void handshakeDone() {
    }
}
