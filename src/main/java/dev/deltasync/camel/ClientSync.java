package dev.deltasync.camel;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.session.LocalFolder;
import dev.deltasync.session.RemoteFolderClient;
import dev.deltasync.session.SyncCycle;
import dev.deltasync.session.SyncReport;
import dev.deltasync.sync.ConflictNamer;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.watch.ChangeBatch;
import dev.deltasync.wire.ByteCounter;

/**
 * Runs the client's sync cycles one at a time on their own thread. Requests that arrive while a cycle
 * runs (local changes, server pushes, reconnects) collapse into one more cycle afterwards.
 */
public final class ClientSync {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSync.class);
    private static final long REQUEST_TIMEOUT_MS = 60 * 60 * 1000L;

    private final ClientLink link;
    private final LocalFolder local;
    private final SyncStateStore state;
    private final ByteCounter traffic;
    private final SyncCycle.DeleteGuardSettings guard;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "deltasync-sync");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile Consumer<SyncReport> onReport = report -> { };
    private final long settleMs;

    public ClientSync(ClientLink link, LocalFolder local, SyncStateStore state, ByteCounter traffic,
                      SyncCycle.DeleteGuardSettings guard, long settleMs) {
        this.settleMs = settleMs;
        this.link = link;
        this.local = local;
        this.state = state;
        this.traffic = traffic;
        this.guard = guard;
    }

    /** Called by the local-changes route. */
    public void onLocalChanges(ChangeBatch batch) {
        requestCycle();
    }

    /** Tells every finished cycle's report to the given listener (the metrics). */
    void onReport(Consumer<SyncReport> listener) {
        this.onReport = listener;
    }

    void requestCycle() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                try {
                    SyncReport report = runCycle(traffic.sent(), traffic.received(), settleMs);
                    if (report != null && (report.changedAnything() || !report.ok())) {
                        LOG.info(report.summaryLine());
                        report.errors().forEach(e -> LOG.warn("Not synced: {}", e));
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Sync cycle interrupted: {}; it will run again", e.getMessage());
                }
            });
        }
    }

    /**
     * One cycle now, on the calling thread, counting the traffic since the given totals (a one-shot run
     * counts its handshake too); null when not connected.
     */
    SyncReport runCycle(long sent, long received, long settleMs) throws IOException {
        ServerInfo server = link.current();
        if (server == null) {
            return null;
        }
        long start = System.nanoTime();
        RemoteFolderClient remote = new RemoteFolderClient(server.connection(), local, REQUEST_TIMEOUT_MS);
        SyncCycle cycle = new SyncCycle(local, remote, state, server.serverId(), server.mode(),
                ConflictNamer.systemClock(), guard);
        SyncReport report = cycle.run(settleMs);
        report.finish(traffic.sent() - sent, traffic.received() - received, (System.nanoTime() - start) / 1_000_000);
        onReport.accept(report);
        return report;
    }

    void stop() {
        worker.shutdownNow();
    }
}
