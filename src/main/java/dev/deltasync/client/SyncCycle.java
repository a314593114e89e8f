package dev.deltasync.client;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.SignatureCache;
import dev.deltasync.folder.SyncThreads;
import dev.deltasync.rpc.Failure;
import dev.deltasync.wire.ErrorCodes;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.sync.Action;
import dev.deltasync.sync.ConflictNamer;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.FolderGoneException;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.MassDeleteGuard;
import dev.deltasync.sync.MassDeleteRefusal;
import dev.deltasync.sync.Mode;
import dev.deltasync.sync.PathsInPlay;
import dev.deltasync.sync.Plan;
import dev.deltasync.sync.ScanResult;
import dev.deltasync.sync.Side;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.sync.WatchedScan;

/**
 * One reconciliation, run by the client: scan here, fetch the server's manifest, reconcile against the
 * last-synced state, then carry out the plan action by action (file copies through {@link Transfers}, which
 * keeps many under way). A failed action is reported and skipped
 * (its path stays as it was in the state, so the next cycle retries it); the rest goes on.
 */
public final class SyncCycle {

    private static final Logger LOG = LoggerFactory.getLogger(SyncCycle.class);
    /**
     * At most this many bytes of files both sides already held alike are read again per cycle for their cached
     * signature (about a second in the background; a one-shot client waits for it before it exits).
     */
    static final long AGREED_SIGNATURE_BYTES = 1L << 30;

    private final LocalFolder local;
    private final RemoteFolder remote;
    private final SyncStateStore state;
    private final String serverId;
    private final Mode mode;
    private final ConflictNamer namer;
    private final DeleteGuardSettings guard;
    private java.util.function.Consumer<Plan> planOnly;
    private BetweenCycles between;
    private WatchedScan.Numbered scannedAlready;
    private final SyncThreads threads;
    private final Endpoint client;
    private final Endpoint server;

    public SyncCycle(LocalFolder local, RemoteFolder remote, SyncStateStore state, String serverId, Mode mode,
                     ConflictNamer namer, DeleteGuardSettings guard, SyncThreads threads) {
        this.threads = threads;
        this.client = new LocalEndpoint(local);
        this.server = new RemoteEndpoint(remote);
        this.local = local;
        this.remote = remote;
        this.state = state;
        this.serverId = serverId;
        this.mode = mode;
        this.namer = namer;
        this.guard = guard;
    }

    /**
     * A dry run: the cycle scans and reconciles, hands the plan to {@code sink} and stops there, changing
     * nothing on either side.
     */
    public SyncCycle planOnly(java.util.function.Consumer<Plan> sink) {
        this.planOnly = sink;
        return this;
    }

    /**
     * A cycle of a running client: it reconciles only the paths in play since the cycle before ({@link
     * BetweenCycles}), not every path of the folder.
     */
    public SyncCycle between(BetweenCycles between) {
        this.between = between;
        return this;
    }

    /** The folder as scanned just before (null: this cycle scans it). */
    public SyncCycle scannedAlready(WatchedScan.Numbered scan) {
        this.scannedAlready = scan;
        return this;
    }

    /** A one-shot reconciliation: everything as it is now. */
    public SyncReport run() throws IOException {
        return run(0);
    }

    /**
     * @param settleMs in live mode, local files modified less than this long ago are left for the next
     *                 round (the watcher reports them once they settle), so a file still being written is not sent
     */
    public SyncReport run(long settleMs) throws IOException {
        try {
            return reconcileAndCarryOut(settleMs);
        } finally {
            local.preparedUploads().dropUnused(); // read ahead for this cycle: a later one scans anew
        }
    }

    private SyncReport reconcileAndCarryOut(long settleMs) throws IOException {
        SyncReport report = new SyncReport();
        long began = System.nanoTime();
        WatchedScan.Numbered numbered = scannedAlready != null ? scannedAlready : local.numberedScan();
        ScanResult scan = numbered.result();
        long scanned = System.nanoTime();
        scan.problems().list().forEach(p -> report.error("cannot read " + p));
        IgnoreRules rules = local.ignoreRules();
        Set<String> unreadable = new HashSet<>();
        scan.problems().list().forEach(problem -> unreadable.add(problem.path()));
        Set<String> leftAlone = new HashSet<>(unreadable);
        long settledBefore = System.currentTimeMillis() - settleMs;
        scan.entries().values().stream()
                .filter(e -> settleMs > 0 && e.isFile() && e.mtimeMillis() > settledBefore)
                .forEach(e -> leftAlone.add(e.path()));
        Map<String, FileEntry> serverAll = remote.manifest(List.copyOf(scan.entries().values()));
        Optional<Set<String>> serverChanges = remote.manifestChanges();
        long manifested = System.nanoTime();
        Map<String, FileEntry> baseAll = state.lastSynced(serverId);
        PathsInPlay inPlay = between == null ? PathsInPlay.all()
                : between.begin(local.watchedScan(), numbered.number(), serverChanges, rules, unreadable);
        CycleTrees trees = new CycleTrees(inPlay, baseAll, serverAll, scan.entries(), rules, leftAlone);
        long loaded = System.nanoTime();
        if (!guard.allowMassDelete() && baseAll.size() > guard.minFiles()) {
            try {
                trees.refuseIfEmptied(local.root());
            } catch (FolderGoneException e) {
                report.refused(e.getMessage() + " (or confirm with --allow-mass-delete)");
                return report;
            }
        }
        Plan plan = trees.reconcile(mode, namer);
        if (LOG.isDebugEnabled()) {
            long planned = System.nanoTime();
            LOG.debug("Cycle over {} entries here, {}: scan {} ms, manifest {} ms, last-synced state {} ms, plan {} ms"
                            + " ({} actions)", scan.entries().size(), inPlay, ms(scanned - began),
                    ms(manifested - scanned), ms(loaded - manifested), ms(planned - loaded), plan.actions().size());
        }
        if (planOnly != null) {
            planOnly.accept(plan);
            return report;
        }
        if (!guard.allowMassDelete()) {
            Optional<MassDeleteRefusal> refusal = MassDeleteGuard.check(plan, guard.maxShare(), guard.minFiles());
            if (refusal.isPresent()) {
                report.refused(refusal.get().message());
                return report;
            }
        }
        Transfers transfers = new Transfers(local, remote, state, serverId, trees.forTransfers(plan, Side.CLIENT),
                trees.forTransfers(plan, Side.SERVER), threads.rounds());
        ActionsUnderWay others = new ActionsUnderWay(client, server, state, serverId);
        try {
            carryOut(plan, transfers, others, report);
        } finally {
            transfers.abandonUnfinished();
        }
        remote.settleKnownManifest();
        state.commit();
        if (between != null) {
            between.finished(numbered.number(), trees.pending(plan), rules, unreadable);
        }
        cacheSignaturesOfAgreedFiles(plan);
        local.pruneTrash();
        // the agreed versions only change when the cycle changed something: no state load on an idle cycle
        if (report.changedAnything() && local.signatureCache().holdsAny()) {
            local.signatureCache().keepOnly(state.lastSynced(serverId).values().stream().map(FileEntry::hash)
                    .collect(java.util.stream.Collectors.toSet()));
        }
        return report;
    }

    private void carryOut(Plan plan, Transfers transfers, ActionsUnderWay others, SyncReport report) {
        transfers.startLineEditsFirst(plan.actions(), report);
        // the line edits started first are not waited for: each replaces a file both sides hold, which no other action touches
        boolean copying = false;
        for (Action action : plan.actions()) {
            if (action instanceof Action.Copy copy && copy.source().isFile()) {
                if (transfers.wentFirst(copy)) {
                    continue;
                }
                copying = true;
                try {
                    transfers.start(copy, report);
                } catch (IOException e) {
                    failed(action, e, report);
                }
            } else {
                if (copying && !independentOfCopies(action)) {
                    transfers.finishAll(report); // the plan's order matters for everything but its last phases
                }
                others.start(action, report);
            }
        }
        transfers.sendOpenBatches(report); // the server answers in order: the actions' answers still come first
        others.finishAll(report);
        transfers.finishAll(report);
        transfers.retryAloneWhatFailedBesideOthers(report);
    }

    /**
     * Big files both sides already held alike (first contact, or the same edit made on both) get a cached signature
     * too, as copied files do: the first upload of their next version then asks the server for no first round.
     */
    private void cacheSignaturesOfAgreedFiles(Plan plan) {
        long budget = AGREED_SIGNATURE_BYTES;
        for (Action action : plan.actions()) {
            if (action instanceof Action.Record agreed && agreed.agreed().isFile()
                    && agreed.agreed().size() >= SignatureCache.MIN_SIZE && agreed.agreed().size() <= budget) {
                budget -= agreed.agreed().size();
                try {
                    local.signatureCache().rememberLater(local.resolve(agreed.path()), agreed.agreed());
                } catch (IOException e) {
                    LOG.debug("No cached signature for {}: {}", agreed.path(), e.toString());
                }
            }
        }
    }

    /**
     * Whether an action may run while file copies are under way: links and state records come with the copies,
     * in the plan's last phases, and touch paths no copy touches. Every other action comes before the copies (see
     * {@code PlanOrder}); that it waits for copies started before it only guards a plan in another order.
     * The copies need not wait for the actions before them: each side carries out its requests in order.
     */
    private static boolean independentOfCopies(Action action) {
        return action instanceof Action.Copy || action instanceof Action.Record || action instanceof Action.Forget;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    static void failed(Action action, IOException e, SyncReport report) {
        Failure failure = Failure.of(e);
        LOG.warn("Could not {}: {}", describe(action), failure.text());
        report.error(describe(action) + ": " + failure.text());
        if (changedWhileSynced(failure.code())) {
            report.changedWhileSynced(action.path());
        }
    }

    /**
     * Failures of a file that changed between the scan and its transfer: refused as changed since the scan, gone
     * since, or received as other content than the scan promised (the sender's copy changed while being read).
     */
    private static boolean changedWhileSynced(int code) {
        return code == ErrorCodes.CHANGED_SINCE_SCAN || code == ErrorCodes.NOT_FOUND || code == ErrorCodes.VERIFICATION;
    }

    /** Whether {@code path} or one of its parent directories is in {@code paths}: O(depth), not O(paths). */
    static boolean isUnder(String path, Set<String> paths) {
        for (String p = path; !p.isEmpty(); p = p.substring(0, Math.max(0, p.lastIndexOf('/')))) {
            if (paths.contains(p)) {
                return true;
            }
        }
        return false;
    }

    static String sideName(Side side) {
        return side == Side.CLIENT ? "client" : "server";
    }

    /** The action in words, for logs and the per-file error list. */
    static String describe(Action action) {
        if (action instanceof Action.Copy copy) {
            return (copy.to() == Side.CLIENT ? "update " : "send ") + copy.source().path()
                    + (copy.to() == Side.CLIENT ? " from the server" : " to the server");
        } else if (action instanceof Action.Delete delete) {
            return "delete " + delete.expected().path() + " on the " + sideName(delete.on());
        } else if (action instanceof Action.Rename rename) {
            return "rename " + rename.from() + " to " + rename.target().path() + " on the " + sideName(rename.on());
        } else if (action instanceof Action.Mkdir mkdir) {
            return "create the directory " + mkdir.dir().path() + " on the " + sideName(mkdir.on());
        } else if (action instanceof Action.KeepAsConflict conflict) {
            return "keep " + conflict.loser().path() + " as " + conflict.conflictPath() + " on the "
                    + sideName(conflict.on());
        }
        return "record the state of " + action.path();
    }

    /** The mass-delete guard's settings. */
    public record DeleteGuardSettings(double maxShare, int minFiles, boolean allowMassDelete) {
    }
}
