package dev.deltasync.session;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.rsync.DeltaStats;
import dev.deltasync.rsync.PatchResult;
import dev.deltasync.rsync.ReceiverRefiner;
import dev.deltasync.rsync.RefinePolicy;
import dev.deltasync.rsync.Signature;
import dev.deltasync.sync.Action;
import dev.deltasync.sync.ConflictNamer;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.FolderGoneException;
import dev.deltasync.sync.FolderMarker;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.MassDeleteGuard;
import dev.deltasync.sync.MassDeleteRefusal;
import dev.deltasync.sync.Mode;
import dev.deltasync.sync.Plan;
import dev.deltasync.sync.Reconciler;
import dev.deltasync.sync.ScanResult;
import dev.deltasync.sync.Side;
import dev.deltasync.sync.SimilarFile;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.PutBatchResult;

/**
 * One reconciliation, run by the client: scan here, fetch the server's manifest, reconcile against the
 * last-synced state, then carry out the plan action by action. A failed action is reported and skipped
 * (its path stays as it was in the state, so the next cycle retries it); the rest goes on.
 */
public final class SyncCycle {

    private static final Logger LOG = LoggerFactory.getLogger(SyncCycle.class);

    private final LocalFolder local;
    private final RemoteFolder remote;
    private final SyncStateStore state;
    private final String serverId;
    private final Mode mode;
    private final ConflictNamer namer;
    private final DeleteGuardSettings guard;
    /** Transfers sent but not yet answered: enough to keep the connection busy, few enough to bound temp files. */
    private static final int IN_FLIGHT = 64;
    /** Refinement rounds of up to this many files run at once (their round trips overlap). */
    private static final ExecutorService ROUNDS = Executors.newFixedThreadPool(8, task -> {
        Thread thread = new Thread(task, "deltasync-rounds");
        thread.setDaemon(true);
        return thread;
    });
    /** ...and no more file bytes than this in flight, so big files do not pile up in the temp folders. */
    private static final long IN_FLIGHT_BYTES = 64L << 20;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private final Set<Action.Copy> retryAlone = new LinkedHashSet<>();
    private final BatchCollector uploads = new BatchCollector();
    /** Both trees as this cycle saw them: where a new file may find a similar file to be sent against. */
    private Map<String, FileEntry> clientTree = Map.of();
    private Map<String, FileEntry> serverTree = Map.of();
    private final BatchCollector downloads = new BatchCollector();
    /** Transfers to send without refinement rounds. */
    private final Set<Action.Copy> unrefined = new LinkedHashSet<>();
    /** Transfers of new files sent against a similar file of the receiver. */
    private final Set<Action.Copy> againstSimilar = new HashSet<>();

    public SyncCycle(LocalFolder local, RemoteFolder remote, SyncStateStore state, String serverId, Mode mode,
                     ConflictNamer namer, DeleteGuardSettings guard) {
        this.local = local;
        this.remote = remote;
        this.state = state;
        this.serverId = serverId;
        this.mode = mode;
        this.namer = namer;
        this.guard = guard;
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
        SyncReport report = new SyncReport();
        ScanResult scan = local.scan();
        scan.problems().list().forEach(p -> report.error("cannot read " + p));
        IgnoreRules rules = local.ignoreRules();
        Set<String> leftAlone = new HashSet<>();
        scan.problems().list().forEach(problem -> leftAlone.add(problem.path()));
        long settledBefore = System.currentTimeMillis() - settleMs;
        scan.entries().values().stream()
                .filter(e -> settleMs > 0 && e.isFile() && e.mtimeMillis() > settledBefore)
                .forEach(e -> leftAlone.add(e.path()));
        // A path ignored, unreadable or still changing here is left alone this round on both sides,
        // so it can neither look deleted nor be sent half-written.
        clientTree = without(leftAlone, scan.entries());
        serverTree = without(leftAlone, rules.filter(remote.manifest(List.copyOf(scan.entries().values()))));
        Map<String, FileEntry> base = without(leftAlone, rules.filter(state.load(serverId)));
        if (!guard.allowMassDelete() && base.size() > guard.minFiles()) {
            try {
                FolderMarker.refuseIfEmptied("the client's folder " + local.root(), base, clientTree);
                FolderMarker.refuseIfEmptied("the server's folder", base, serverTree);
            } catch (FolderGoneException e) {
                report.refused(e.getMessage() + " (or confirm with --allow-mass-delete)");
                return report;
            }
        }
        Plan plan = Reconciler.reconcile(base, serverTree, clientTree, mode, namer);
        // a file this plan changes cannot serve as a similar file's basis: it may be gone by then
        clientTree = without(touched(plan, Side.CLIENT), clientTree);
        serverTree = without(touched(plan, Side.SERVER), serverTree);
        if (!guard.allowMassDelete()) {
            Optional<MassDeleteRefusal> refusal = MassDeleteGuard.check(plan, guard.maxShare(), guard.minFiles());
            if (refusal.isPresent()) {
                report.refused(refusal.get().message());
                return report;
            }
        }
        for (Action action : plan.actions()) {
            try {
                if (action instanceof Action.Copy copy && batchable(copy)) {
                    boolean up = copy.to() == Side.SERVER;
                    if ((up ? uploads : downloads).add(copy)) {
                        flush(up ? uploads : downloads, report);
                    }
                } else if (action instanceof Action.Copy copy && copy.source().isFile()) {
                    inFlight.add(new InFlight(List.of(copy), copy.to() == Side.CLIENT ? download(copy) : upload(copy), false));
                    limitInFlight(report);
                } else {
                    flushBatches(report);
                    drain(report); // the plan's order matters for everything but independent transfers
                    execute(action, report);
                }
            } catch (IOException e) {
                failed(action, e, report);
            }
        }
        flushBatches(report);
        drain(report);
        retryAloneWhatFailedBesideOthers(report);
        state.commit();
        local.pruneTrash();
        return report;
    }

    private void execute(Action action, SyncReport report) throws IOException {
        if (action instanceof Action.Copy copy) {
            copyLink(copy, report);
            state.record(serverId, copy.source());
        } else if (action instanceof Action.Delete delete) {
            if (delete.on() == Side.CLIENT) {
                local.delete(delete.expected(), delete.toTrash());
            } else if (delete.expected().isDir()) {
                remote.delete(delete.expected().path(), "", false);
            } else {
                remote.delete(delete.expected().path(), delete.expected().hash(), delete.toTrash());
            }
            LOG.info("Deleted {} on the {}", delete.expected().path(), sideName(delete.on()));
            report.deleted();
            state.forget(serverId, delete.expected().path());
        } else if (action instanceof Action.Rename rename) {
            if (rename.on() == Side.CLIENT) {
                local.rename(rename.from(), rename.target().path(), rename.expectedFrom());
            } else {
                remote.rename(rename.from(), rename.target().path(), rename.expectedFrom().hash());
            }
            LOG.info("Renamed {} to {} on the {}", rename.from(), rename.target().path(), sideName(rename.on()));
            report.fileChanged();
            state.forget(serverId, rename.from());
            state.record(serverId, rename.target());
        } else if (action instanceof Action.Mkdir mkdir) {
            if (mkdir.on() == Side.CLIENT) {
                local.mkdir(mkdir.dir());
            } else {
                remote.mkdir(mkdir.dir().path());
            }
            state.record(serverId, mkdir.dir());
        } else if (action instanceof Action.KeepAsConflict conflict) {
            if (conflict.on() == Side.CLIENT) {
                local.moveAside(conflict.loser(), conflict.conflictPath());
            } else {
                remote.rename(conflict.loser().path(), conflict.conflictPath(), conflict.loser().hash());
            }
            LOG.warn("Conflict on {}: the {}'s version is kept as {}", conflict.loser().path(),
                    sideName(conflict.on()), conflict.conflictPath());
            report.conflict();
        } else if (action instanceof Action.Record agreed) {
            state.record(serverId, agreed.agreed());
        } else if (action instanceof Action.Forget forget) {
            state.forget(serverId, forget.path());
        }
    }

    private void copyLink(Action.Copy copy, SyncReport report) throws IOException {
        if (copy.to() == Side.CLIENT) {
            local.installSymlink(copy.source(), copy.targetBefore(), copy.trashTarget());
        } else {
            remote.push(copy.source(), copy.targetBefore() == null ? "" : copy.targetBefore().hash(),
                    Signature.empty(), InputStream.nullInputStream());
        }
        report.fileChanged();
    }

    /** Asks for the file; installing it waits until the answer is awaited (the transfer pipelines meanwhile). */
    private Finisher download(Action.Copy copy) throws IOException {
        FileEntry source = copy.source();
        FileEntry before = copy.targetBefore();
        FileEntry refineAgainst = refinementBasis(copy, clientTree);
        if (refineAgainst != null && source.size() > 0) {
            return downloadRefined(copy, refineAgainst);
        }
        Signature basis = before != null && before.isFile()
                ? local.signature(before.path(), before.hash()) : Signature.empty();
        Path delta = local.newTempFile();
        Pending<Void> answer;
        try {
            answer = remote.fetchDelta(source.path(), source.hash(), source.size(), basis, delta);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(delta);
            throw e;
        }
        return report -> {
            try {
                answer.await();
                PatchResult result = local.installDelta(source, before, delta, copy.trashTarget());
                report.fileTransferred(result.literalBytes(), result.matchedBytes());
                LOG.info("Updated {} from the server ({} bytes, {} of them new)", source.path(), result.length(),
                        result.literalBytes());
            } finally {
                Files.deleteIfExists(delta);
            }
        };
    }

    /**
     * Finds what it can of the server's new version in our copy, round by round, then fetches the rest as
     * byte ranges; the result is patched and verified like any delta.
     */
    private Finisher downloadRefined(Action.Copy copy, FileEntry basis) throws IOException {
        FileEntry source = copy.source();
        FileEntry before = copy.targetBefore();
        local.requireFile(basis.path(), basis.hash());
        Path basisFile = local.resolve(basis.path());
        Path literals = local.newTempFile();
        // the rounds of several files run side by side, so their round trips overlap
        Future<ReceiverRefiner.Plan> rounds = ROUNDS.submit(() -> {
            ReceiverRefiner.Plan plan = ReceiverRefiner.plan(basisFile, source.size(),
                    (block, seed, ranges) -> remote.rangeSignatures(source.path(), source.hash(), block, seed, ranges),
                    RefinePolicy.DEFAULT);
            remote.fetchRanges(source.path(), source.hash(), plan.literalRanges(), literals).await();
            return plan;
        });
        return report -> {
            Path delta = local.newTempFile();
            try {
                ReceiverRefiner.Plan plan = resultOf(rounds);
                try (InputStream in = new BufferedInputStream(Files.newInputStream(literals));
                     OutputStream out = new BufferedOutputStream(Files.newOutputStream(delta))) {
                    ReceiverRefiner.writeDelta(plan, in, basis.size(), basis.hash(), source.size(), source.hash(),
                            RefinePolicy.DEFAULT.firstBlock(source.size()), out);
                }
                PatchResult result = local.installDelta(source, before, basisFile, delta, copy.trashTarget());
                report.fileTransferred(result.literalBytes(), result.matchedBytes());
                LOG.info("Updated {} from the server ({} bytes, {} of them new, {} rounds)", source.path(),
                        result.length(), result.literalBytes(), plan.rounds());
            } finally {
                Files.deleteIfExists(delta);
                Files.deleteIfExists(literals);
            }
        };
    }

    /** Sends the file; the server's acknowledgement is awaited later (the next transfers go out meanwhile). */
    private Finisher upload(Action.Copy copy) throws IOException {
        FileEntry source = copy.source();
        FileEntry before = copy.targetBefore();
        boolean hasBasis = before != null && before.isFile();
        local.requireFile(source.path(), source.hash());
        Path file = local.resolve(source.path());
        FileEntry refineAgainst = refinementBasis(copy, serverTree);
        Pending<DeltaStats> answer;
        if (refineAgainst != null) {
            // the rounds of several files run side by side, so their round trips overlap
            Future<Pending<DeltaStats>> rounds = ROUNDS.submit(() -> {
                try (InputStream in = Progress.reading(Files.newInputStream(file), "Sending " + source.path(),
                        source.size())) {
                    return remote.pushRefined(source, refineAgainst, file, in);
                }
            });
            answer = () -> resultOf(rounds).await();
        } else {
            try (InputStream in = Progress.reading(Files.newInputStream(file), "Sending " + source.path(), source.size())) {
                Signature basis = hasBasis ? remote.signature(before.path(), before.hash()) : Signature.empty();
                answer = remote.push(source, hasBasis ? before.hash() : "", basis, in);
            }
        }
        return report -> {
            DeltaStats stats = answer.await();
            report.fileTransferred(stats.literalBytes(), stats.matchedBytes());
            LOG.info("Sent {} to the server ({} bytes, {} of them new)", source.path(), stats.newLength(),
                    stats.literalBytes());
        };
    }

    /**
     * What the receiver's side of a copy is refined against: its own version of the file, or for a new file a
     * similar file it has ({@link SimilarFile}); null for a copy that goes in one round.
     */
    private FileEntry refinementBasis(Action.Copy copy, Map<String, FileEntry> receiverTree) {
        if (!remote.refines() || unrefined.contains(copy)) {
            return null;
        }
        FileEntry before = copy.targetBefore();
        if (before != null) {
            return before.isFile() && before.size() > 0 ? before : null;
        }
        FileEntry similar = SimilarFile.basisFor(copy.source(), receiverTree).orElse(null);
        if (similar != null) {
            LOG.debug("Sending {} against {}, a similar file", copy.source().path(), similar.path());
            againstSimilar.add(copy);
        }
        return similar;
    }

    /** The paths the plan changes on one side. */
    private static Set<String> touched(Plan plan, Side side) {
        Set<String> paths = new HashSet<>();
        for (Action action : plan.actions()) {
            if (action instanceof Action.Copy copy && copy.to() == side) {
                paths.add(copy.path());
            } else if (action instanceof Action.Delete delete && delete.on() == side) {
                paths.add(delete.path());
            } else if (action instanceof Action.Rename rename && rename.on() == side) {
                paths.add(rename.from());
                paths.add(rename.path());
            } else if (action instanceof Action.KeepAsConflict conflict && conflict.on() == side) {
                paths.add(conflict.loser().path());
                paths.add(conflict.conflictPath());
            }
        }
        return paths;
    }

    /** What a task of {@link #ROUNDS} returned, or the I/O failure it met. */
    private static <T> T resultOf(Future<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a transfer");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    /** A transfer under way: what remains to do (and to record) once its answer is in. */
    @FunctionalInterface
    private interface Finisher {
        void finish(SyncReport report) throws IOException;
    }

    /** Transfers under way; a batch's finisher records its files itself, file by file. */
    private record InFlight(List<Action.Copy> copies, Finisher finisher, boolean batch) {
    }

    /** A new small file travels in a batch, when the server takes batches. */
    private boolean batchable(Action.Copy copy) {
        return copy.source().isFile() && copy.targetBefore() == null && copy.source().size() <= BatchCollector.MAX_FILE
                && remote.batches() && !retryAlone.contains(copy);
    }

    private void flushBatches(SyncReport report) {
        flush(uploads, report);
        flush(downloads, report);
    }

    private void flush(BatchCollector collector, SyncReport report) {
        List<Action.Copy> copies = collector.take();
        if (copies.isEmpty()) {
            return;
        }
        List<FileEntry> files = copies.stream().map(Action.Copy::source).toList();
        try {
            Finisher finisher;
            if (collector == uploads) {
                Pending<List<PutBatchResult.Failed>> answer = remote.pushNewFiles(files);
                finisher = r -> finishBatch(copies, answer.await(), "Sent {} new files to the server in one batch ({} bytes)", r);
            } else {
                Path contents = local.newTempFile();
                Pending<Void> answer = remote.fetchNewFiles(files, contents);
                finisher = r -> {
                    try {
                        answer.await();
                        finishBatch(copies, local.installNewFiles(files, contents),
                                "Received {} new files from the server in one batch ({} bytes)", r);
                    } finally {
                        Files.deleteIfExists(contents);
                    }
                };
            }
            inFlight.add(new InFlight(copies, finisher, true));
            limitInFlight(report);
        } catch (IOException e) {
            retryAloneAfterBatchFailure(copies, e);
        }
    }

    private void finishBatch(List<Action.Copy> copies, List<PutBatchResult.Failed> failed, String summary,
                             SyncReport report) {
        Map<String, PutBatchResult.Failed> byPath = new HashMap<>();
        failed.forEach(f -> byPath.put(f.path(), f));
        long bytes = 0;
        for (Action.Copy copy : copies) {
            PutBatchResult.Failed why = byPath.get(copy.source().path());
            if (why == null) {
                state.record(serverId, copy.source());
                report.fileTransferred(copy.source().size(), 0);
                bytes += copy.source().size();
                LOG.debug("{} travelled in a batch", copy.source().path());
            } else if (why.code() == ErrorCodes.DISK_FULL) {
                retryAlone.add(copy);
            } else {
                failed(copy, new RemoteException(why.code(), why.reason()), report);
            }
        }
        LOG.info(summary, copies.size() - failed.size(), bytes);
    }

    /** A batch that failed as a whole (not file by file) is sent again file by file, which says what is wrong. */
    private void retryAloneAfterBatchFailure(List<Action.Copy> copies, IOException e) {
        LOG.info("A batch of {} files failed ({}); sending them one by one", copies.size(), Failure.of(e).text());
        retryAlone.addAll(copies);
    }

    private void limitInFlight(SyncReport report) {
        while (inFlight.size() >= IN_FLIGHT || (inFlight.size() > 1 && bytesInFlight() > IN_FLIGHT_BYTES)) {
            finishOldest(report);
        }
    }

    private void finishOldest(SyncReport report) {
        InFlight oldest = inFlight.poll();
        if (oldest.batch()) {
            try {
                oldest.finisher().finish(report);
            } catch (IOException e) {
                retryAloneAfterBatchFailure(oldest.copies(), e);
            }
            return;
        }
        Action.Copy copy = oldest.copies().get(0);
        try {
            oldest.finisher().finish(report);
            state.record(serverId, copy.source());
        } catch (IOException e) {
            int code = Failure.of(e).code();
            if (code == ErrorCodes.DISK_FULL && !retryAlone.contains(copy)) {
                // a big transfer beside it may have filled the disk only for a while: retry it on its own
                retryAlone.add(copy);
            } else if (code == ErrorCodes.VERIFICATION && unrefined.add(copy)) {
                // refinement rounds use short seeded sums: a rare false block match is retried once, in one round
                LOG.info("{} did not verify; sending it again in one round", copy.source().path());
                retryAlone.add(copy);
            } else if (againstSimilar.contains(copy) && unrefined.add(copy)) {
                LOG.info("{} could not be sent against a similar file ({}); sending it whole", copy.source().path(),
                        Failure.of(e).text());
                retryAlone.add(copy);
            } else {
                failed(copy, e, report);
            }
        }
    }

    private void retryAloneWhatFailedBesideOthers(SyncReport report) {
        for (Action.Copy copy : List.copyOf(retryAlone)) {
            try {
                inFlight.add(new InFlight(List.of(copy), copy.to() == Side.CLIENT ? download(copy) : upload(copy), false));
            } catch (IOException e) {
                failed(copy, e, report);
                continue;
            }
            drain(report);
        }
        retryAlone.clear();
    }

    private long bytesInFlight() {
        return inFlight.stream().flatMap(f -> f.copies().stream()).mapToLong(c -> c.source().size()).sum();
    }

    private void drain(SyncReport report) {
        while (!inFlight.isEmpty()) {
            finishOldest(report);
        }
    }

    private void failed(Action action, IOException e, SyncReport report) {
        String text = Failure.of(e).text();
        LOG.warn("Could not {}: {}", describe(action), text);
        report.error(describe(action) + ": " + text);
    }

    private static Map<String, FileEntry> without(Set<String> paths, Map<String, FileEntry> tree) {
        if (paths.isEmpty()) {
            return tree;
        }
        Map<String, FileEntry> kept = new TreeMap<>(tree);
        kept.keySet().removeIf(path -> isUnder(path, paths));
        return kept;
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

    private static String sideName(Side side) {
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
