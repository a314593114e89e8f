package dev.deltasync.wire;

/** Where a producer of frames hands them over (a channel write, a list in tests). */
@FunctionalInterface
public interface FrameSink {
    void send(Frame frame);
}
