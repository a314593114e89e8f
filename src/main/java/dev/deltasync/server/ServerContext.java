package dev.deltasync.server;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.manifest.ManifestHistory;

import dev.deltasync.sync.Mode;

/** What every server session shares: the folder, the mode and the server's identity and secret. */
public interface ServerContext {

    LocalFolder folder();

    Mode mode();

    /** The shared secret ("" = none, accepted on loopback only). */
    String secret();

    String serverId();

    int maxFrame();

    /** Recent versions of the folder's manifest, shared by all sessions. */
    ManifestHistory manifests();

    /**
     * Where received files are patched, verified and installed: a few threads, so that one client's
     * pipelined uploads overlap their fsyncs (the file system commits concurrent fsyncs together).
     */
    java.util.concurrent.Executor installer();

    /** The spool bytes incoming streams may hold, per client and in all. */
    SpoolQuota spoolQuota();

    /**
     * Completes once the folder's scan holds the changes the watcher holds now (still in their quiet period, or
     * batched), bounded; at once when it holds none or nothing watches the folder. {@code forWhom} names the waiter
     * in the log.
     */
    default java.util.concurrent.CompletableFuture<Void> watcherCaughtUp(String forWhom) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
}
