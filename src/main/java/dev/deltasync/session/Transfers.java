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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.deltasync.rsync.DeltaStats;
import dev.deltasync.rsync.PatchResult;
import dev.deltasync.rsync.ReceiverRefiner;
import dev.deltasync.rsync.RefinePolicy;
import dev.deltasync.rsync.Signature;
import dev.deltasync.sync.Action;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.Side;
import dev.deltasync.sync.SimilarFile;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.PutBatchResult;

/**
 * The file copies of one sync cycle, kept moving: new small files gathered into batches, edited text files sent
 * as line edits ({@link LineEditTransfers}), other changed files refined (their rounds overlapping on a few
 * threads) or sent in one round, up to {@value #IN_FLIGHT}
 * transfers or 64 MiB awaiting their answers, each recorded in the sync state once its answer is in.
 * A transfer that failed beside others (disk full, a failed batch, a refinement that did not verify or
 * whose similar basis went away) is tried again on its own at the end.
 */
final class Transfers {

    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);

    /** Transfers sent but not yet answered: enough to keep the connection busy, few enough to bound temp files. */
    private static final int IN_FLIGHT = 64;
    /** ...and no more file bytes than this in flight, so big files do not pile up in the temp folders. */
    private static final long IN_FLIGHT_BYTES = 64L << 20;
    /** Where refinement rounds of several files run side by side ({@link SyncThreads#rounds}). */
    private final ExecutorService roundThreads;

    private final LocalFolder local;
    private final RemoteFolder remote;
    private final SyncStateStore state;
    private final String serverId;
    /** Both trees as the cycle saw them, minus what its plan changes: where a new file may find a similar file. */
    private final Map<String, FileEntry> clientTree;
    private final Map<String, FileEntry> serverTree;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private final Set<Action.Copy> retryAlone = new LinkedHashSet<>();
    private final BatchCollector uploads = new BatchCollector();
    private final BatchCollector downloads = new BatchCollector();
    /** Transfers to send without refinement rounds. */
    private final Set<Action.Copy> unrefined = new LinkedHashSet<>();
    /** Transfers of new files sent against a similar file of the receiver. */
    private final Set<Action.Copy> againstSimilar = new HashSet<>();
    /** Small text files edited on both sides, going as line edits. */
    private final LineEditTransfers lineEdits;

    Transfers(LocalFolder local, RemoteFolder remote, SyncStateStore state, String serverId,
              Map<String, FileEntry> clientTree, Map<String, FileEntry> serverTree, ExecutorService rounds) {
        this.roundThreads = rounds;
        this.local = local;
        this.remote = remote;
        this.state = state;
        this.serverId = serverId;
        this.clientTree = clientTree;
        this.serverTree = serverTree;
        this.lineEdits = new LineEditTransfers(local, remote, state, serverId, rounds, new LineEditTransfers.Fallback() {
            @Override
            public void otherwise(List<Action.Copy> copies, SyncReport report) {
                sendOtherwise(copies, report);
            }

            @Override
            public void retryAlone(Action.Copy copy) {
                retryAlone.add(copy);
            }
        });
    }

    /** Starts copying a file: into a batch, or as a transfer of its own (waiting for older ones when too many are out). */
    void start(Action.Copy copy, SyncReport report) throws IOException {
        if (byLines(copy)) {
            lineEdits.add(copy).ifPresent(sketch -> track(sketch, report));
        } else if (batchable(copy)) {
            boolean up = copy.to() == Side.SERVER;
            if ((up ? uploads : downloads).add(copy)) {
                flush(up ? uploads : downloads, report);
            }
        } else {
            inFlight.add(new InFlight(List.of(copy), copy.to() == Side.CLIENT ? download(copy) : upload(copy), false));
            limitInFlight(report);
        }
    }

    /** Sends the open batches and waits for every transfer under way. */
    void finishAll(SyncReport report) {
        flushBatches(report);
        drain(report);
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
                local.signatureCache().rememberLater(local.resolve(source.path()), source);
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
        Future<ReceiverRefiner.Plan> rounds = roundThreads.submit(() -> {
            ReceiverRefiner.Plan plan = ReceiverRefiner.plan(basisFile, source.size(),
                    remote.rounds(source.path(), source.hash()),
                    RefinePolicy.DEFAULT);
            remote.fetchRanges(source.path(), source.hash(), plan.literalRanges(), literals).await();
            return plan;
        });
        return report -> {
            Path delta = local.newTempFile();
            try {
                ReceiverRefiner.Plan plan = Futures.await(rounds, "a transfer");
                try (InputStream in = new BufferedInputStream(Files.newInputStream(literals));
                     OutputStream out = new BufferedOutputStream(Files.newOutputStream(delta))) {
                    ReceiverRefiner.writeDelta(plan, in, basis.size(), basis.hash(), source.size(), source.hash(),
                            RefinePolicy.DEFAULT.firstBlock(source.size()), out);
                }
                PatchResult result = local.installDelta(source, before, basisFile, delta, copy.trashTarget());
                local.signatureCache().rememberLater(local.resolve(source.path()), source);
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
            // our signature of the version both sides agreed on, if we kept one, stands for the first round
            Signature known = refineAgainst == before
                    ? local.signatureCache().find(before.hash(), before.size()).orElse(null) : null;
            Future<Pending<DeltaStats>> rounds = roundThreads.submit(() -> {
                try (InputStream in = Progress.reading(Files.newInputStream(file), "Sending " + source.path(),
                        source.size())) {
                    return remote.pushRefined(source, refineAgainst, known, file, in);
                }
            });
            answer = () -> Futures.await(rounds, "a transfer").await();
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
            local.signatureCache().rememberLater(file, source);
        };
    }

    /**
     * What the receiver's side of a copy is refined against: its own version of the file, or for a new file a
     * similar file it has ({@link SimilarFile}); null for a copy that goes in one round.
     */
    private FileEntry refinementBasis(Action.Copy copy, Map<String, FileEntry> receiverTree) {
        if (unrefined.contains(copy)) {
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

    /** A transfer under way: what remains to do (and to record) once its answer is in. */
    @FunctionalInterface
    private interface Finisher {
        void finish(SyncReport report) throws IOException;
    }

    /** Transfers under way; a batch's finisher records its files itself, file by file. */
    private record InFlight(List<Action.Copy> copies, Finisher finisher, boolean batch) {
    }

    /** A new small file travels in a batch. */
    private boolean batchable(Action.Copy copy) {
        return copy.source().isFile() && copy.targetBefore() == null && copy.source().size() <= BatchCollector.MAX_FILE
                && !retryAlone.contains(copy);
    }

    /** A copy that may go as a line edit: not one that already failed to go another way or must go alone. */
    private boolean byLines(Action.Copy copy) {
        return lineEdits.suits(copy) && !unrefined.contains(copy) && !retryAlone.contains(copy);
    }

    /** Copies that did not go as line edits go another way (they will not be queued for lines again). */
    private void sendOtherwise(List<Action.Copy> copies, SyncReport report) {
        for (Action.Copy copy : copies) {
            try {
                start(copy, report);
            } catch (IOException e) {
                SyncCycle.failed(copy, e, report);
            }
        }
    }

    private void track(LineEditTransfers.Sketch sketch, SyncReport report) {
        inFlight.add(new InFlight(sketch.copies(), sketch.finish()::accept, true));
        limitInFlight(report);
    }

    private void flushBatches(SyncReport report) {
        lineEdits.flush().forEach(sketch -> track(sketch, report));
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
                        finishBatch(copies, local.installNewFiles(files, contents).failed(),
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
                SyncCycle.failed(copy, new RemoteException(why.code(), why.reason()), report);
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
                SyncCycle.failed(copy, e, report);
            }
        }
    }

    void retryAloneWhatFailedBesideOthers(SyncReport report) {
        for (Action.Copy copy : List.copyOf(retryAlone)) {
            try {
                inFlight.add(new InFlight(List.of(copy), copy.to() == Side.CLIENT ? download(copy) : upload(copy), false));
            } catch (IOException e) {
                SyncCycle.failed(copy, e, report);
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
}
