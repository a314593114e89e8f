package dev.deltasync.camel;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.client.RemoteFolderClient;
import dev.deltasync.client.SyncCycle;
import dev.deltasync.client.SyncReport;
import dev.deltasync.client.UploadsAhead;
import dev.deltasync.sync.AppliedChanges;
import dev.deltasync.sync.ConflictNamer;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.sync.WatchedScan;
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
    private final PeerThreads threads;
    private ExecutorService worker;
    /** A scan ahead of the first cycle is used by a one-shot run's first cycle up to this age. */
    static final long AHEAD_SCAN_MAX_AGE_MS = 5_000;
    private record ScanAhead(WatchedScan.Numbered scan, long finishedNanos) {
    }
    private volatile CompletableFuture<ScanAhead> scannedAhead;
    private volatile boolean oneShot;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong waitingSince = new AtomicLong();
    private volatile Consumer<SyncReport> onReport = report -> { };
    private volatile java.util.function.BiConsumer<ServerInfo, SyncReport> onCycle = (server, report) -> { };
    private final long settleMs;
    private volatile long localRoundTripNanos = dev.deltasync.rsync.RefinePolicy.LOCAL_NANOS;
    /** What the last cycle left for the next, and for which server and mode. */
    private dev.deltasync.client.BetweenCycles betweenCycles;
    private String betweenCyclesOf;

    public ClientSync(ClientLink link, LocalFolder local, SyncStateStore state, ByteCounter traffic,
                      SyncCycle.DeleteGuardSettings guard, long settleMs, PeerThreads threads) {
        this.threads = threads;
        this.settleMs = settleMs;
        this.link = link;
        this.local = local;
        this.state = state;
        this.traffic = traffic;
        this.guard = guard;
    }

    /** A round trip up to {@code millis} is the peers' own work, not the link's (deltasync.local-round-trip-ms). */
    ClientSync localRoundTripMillis(long millis) {
        this.localRoundTripNanos = millis * 1_000_000L;
        return this;
    }

    /** What this client itself last wrote under each path (its echoes). */
    public AppliedChanges applied() {
        return local.applied();
    }

    /** Called by the local-changes route; the echoes of what a cycle itself wrote start no new cycle. */
    public void onLocalChanges(ChangeBatch batch) {
        batch.markIn(local.watchedScan()); // echoes too: rescanning a path we wrote ourselves costs one stat
        if (EchoFilter.genuine(batch, local.applied())) {
            requestCycle();
        }
    }

    /** Tells every finished cycle's report to the given listener too (the metrics, the JMX view). */
    void onReport(Consumer<SyncReport> listener) {
        this.onReport = onReport.andThen(listener);
    }

    /**
     * Scans the folder on a pool thread while Camel starts and the client connects, so that the first cycle's scan
     * finds every hash in the scan cache and its manifest request leaves right after the handshake. A first contact
     * hashes every file here; a folder synced before hashes the files that changed since its last scan (the scan
     * cache makes the others cheap). A one-shot run's first cycle takes this scan ({@link #oneShot}); a running
     * client's waits for it if it is still going and walks the folder again (a stat per entry). Then the big files
     * changed since the last sync are compared with the version last synced ({@link UploadsAhead}), so that their
     * uploads only refine and send; the sync state is decoded meanwhile too.
     */
    void scanAhead(ExecutorService pool) {
        CompletableFuture<ScanAhead> done = new CompletableFuture<>();
        scannedAhead = done;
        pool.execute(() -> {
            long started = System.nanoTime();
            int offered;
            try {
                // a cycle's own scan waits until the files worth reading ahead are offered, so its uploads find them
                synchronized (local) {
                    WatchedScan.Numbered scan = local.numberedScan();
                    long scanned = System.nanoTime();
                    offered = UploadsAhead.offer(local, state, scan.result());
                    state.decodeAhead();
                    done.complete(new ScanAhead(scan, scanned));
                }
                LOG.debug("Scanned {} ahead of the first cycle in {} ms", local.root(),
                        (System.nanoTime() - started) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                // the cycle scans again and reports what it cannot read
                LOG.debug("Could not scan {} ahead of the first cycle: {}", local.root(), e.toString());
                return;
            } finally {
                done.complete(null); // if it was not completed with the scan: the cycle does not wait in vain
            }
            if (offered > 0) {
                local.preparedUploads().readOffered();
            }
        });
    }

    /**
     * A one-shot run's first cycle takes the folder as scanned ahead, when the process started, instead of walking it
     * again (if that scan is at most {@link #AHEAD_SCAN_MAX_AGE_MS} old): a file written since is synced by the next
     * run, as one written after the cycle's own scan would be, and one changed since is caught before it is sent
     * (its transfer checks it is still the version scanned). A running client's first cycle walks the folder again:
     * its watcher's reports are trusted only after a whole walk.
     */
    void oneShot() {
        oneShot = true;
    }

    /** The scan ahead, if this is a one-shot run's first cycle and it is recent enough; waits for it if still going. */
    WatchedScan.Numbered takeScanAhead() {
        CompletableFuture<ScanAhead> ahead = scannedAhead;
        scannedAhead = null;
        if (!oneShot || ahead == null) {
            return null;
        }
        ScanAhead taken = ahead.join();
        return taken != null && System.nanoTime() - taken.finishedNanos() <= AHEAD_SCAN_MAX_AGE_MS * 1_000_000L
                ? taken.scan() : null;
    }

    /** The client's shared folder. */
    LocalFolder folder() {
        return local;
    }

    /** Tells every cycle that ran (not dry runs) with the server it ran against (the folder's status record). */
    void onCycle(java.util.function.BiConsumer<ServerInfo, SyncReport> listener) {
        this.onCycle = listener;
    }

    /** Requests on the wire not yet answered. */
    public int pendingRequests() {
        ServerInfo server = link.current();
        return server == null ? 0 : server.connection().pendingCount();
    }

    /** How long the oldest change not yet reconciled has been waiting (0 when in sync). */
    public long lagMs() {
        long since = waitingSince.get();
        return since == 0 ? 0 : System.currentTimeMillis() - since;
    }

    void requestCycle() {
        waitingSince.compareAndSet(0, System.currentTimeMillis());
        if (queued.compareAndSet(false, true)) {
            worker().execute(() -> {
                queued.set(false);
                long started = System.currentTimeMillis();
                try {
                    SyncReport report = runCycle(traffic.sent(), traffic.received(), settleMs);
                    long waiting = waitingSince.get();
                    if (report != null && report.ok() && !queued.get() && waiting <= started) {
                        waitingSince.compareAndSet(waiting, 0); // everything asked for before this cycle is done
                    }
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
        return runCycle(sent, received, settleMs, null);
    }

    /** A dry run: reconciles and hands the plan to {@code planSink} instead of carrying it out. */
    SyncReport planCycle(java.util.function.Consumer<dev.deltasync.sync.Plan> planSink) throws IOException {
        return runCycle(0, 0, 0, planSink);
    }

    private SyncReport runCycle(long sent, long received, long settleMs,
                                java.util.function.Consumer<dev.deltasync.sync.Plan> planSink) throws IOException {
        ServerInfo server = link.current();
        if (server == null) {
            return null;
        }
        long start = System.nanoTime();
        RemoteFolderClient remote = new RemoteFolderClient(server.connection(), local, REQUEST_TIMEOUT_MS,
                state.knownManifest(server.serverId()), threads).resumingUploads(server.resumesUploads())
                .cachedBases(server.servesCachedBases())
                .withPushes(server.pushes()).settledManifest(server.takeFirstCycle())
                .localRoundTrip(localRoundTripNanos);
        SyncCycle cycle = new SyncCycle(local, remote, state, server.serverId(), server.mode(),
                ConflictNamer.systemClock(), guard, threads).scannedAlready(takeScanAhead());
        if (planSink != null) {
            cycle.planOnly(planSink);
        } else {
            cycle.between(betweenCyclesWith(server.serverId() + " " + server.mode()));
        }
        SyncReport report = cycle.run(settleMs);
        report.finish(traffic.sent() - sent, traffic.received() - received, (System.nanoTime() - start) / 1_000_000);
        if (planSink == null) {
            onReport.accept(report);
            onCycle.accept(server, report);
        }
        return report;
    }

    /** What the last cycle with this server in this mode left for the next; a new one after any change. */
    private synchronized dev.deltasync.client.BetweenCycles betweenCyclesWith(String serverAndMode) {
        if (!serverAndMode.equals(betweenCyclesOf)) {
            betweenCycles = new dev.deltasync.client.BetweenCycles();
            betweenCyclesOf = serverAndMode;
        }
        return betweenCycles;
    }

    /** Waits (at most {@code max}) for the signatures of big files just synced to be written. */
    void finishBackgroundWrites(java.time.Duration max) {
        local.finishBackgroundWrites(max);
    }

    /** Cycles run one at a time on one thread of the Camel context, made when the first is asked for. */
    private synchronized ExecutorService worker() {
        if (worker == null) {
            worker = threads.worker(this, "deltasync-sync");
        }
        return worker;
    }

    synchronized void stop() {
        threads.shutdownNow(worker);
        worker = null;
    }
}
