package dev.deltasync.rpc;

/**
 * Told when a transfer phase starts, each time its share done reaches a further whole percent, and when it ends;
 * called on the thread doing the work, so it must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {
    void progressed(ProgressEvent event);
}
