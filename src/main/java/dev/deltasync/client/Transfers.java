package dev.deltasync.client;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.rpc.Failure;
import dev.deltasync.rpc.Pending;
import dev.deltasync.rpc.RemoteException;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private final LocalFolder local;
    private final RemoteFolder remote;
    private final SyncStateStore state;
    private final String serverId;
    /** Both trees as the cycle saw them, minus what its plan changes: where a new file may find a similar file. */
    private final Map<String, FileEntry> clientTree;
    private final Map<String, FileEntry> serverTree;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    /** Line edits started before the rest of the plan ({@link #startLineEditsFirst}). */
    private final Set<Action.Copy> startedFirst = new HashSet<>();
    /** How long the cycle waits for its line sketch requests to leave before the rest of the plan (reading the files). */
    private static final long SKETCH_ASKED_WAIT_MS = 2_000;
    private final Set<Action.Copy> retryAlone = new LinkedHashSet<>();
    /** New small files waiting to go together, by the side they go to. */
    private final Map<Side, BatchCollector> batches = new EnumMap<>(Map.of(Side.SERVER, new BatchCollector(),
            Side.CLIENT, new BatchCollector()));
    /** How files cross to each side. */
    private final Map<Side, Crossing> crossings = new EnumMap<>(Side.class);
    /** Transfers to send without refinement rounds. */
    private final Set<Action.Copy> unrefined = new LinkedHashSet<>();
    /** Transfers of new files sent against a similar file of the receiver. */
    private final Set<Action.Copy> againstSimilar = new HashSet<>();
    /** Small text files edited on both sides, going as line edits. */
    private final LineEditTransfers lineEdits;

    Transfers(LocalFolder local, RemoteFolder remote, SyncStateStore state, String serverId,
              Map<String, FileEntry> clientTree, Map<String, FileEntry> serverTree, ExecutorService rounds) {
        this.local = local;
        crossings.put(Side.SERVER, new Upload(local, remote, rounds));
        crossings.put(Side.CLIENT, new Download(local, remote, rounds, new CutDownloads(local, serverId)));
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

    /**
     * Starts the plan's line edits before anything else goes: their sketch requests only read, and the server answers
     * a cycle's requests in order, so asked first they are not answered after the deletions, renames and batches the
     * plan puts before the copies; the edits are made while the server carries those out. Returns once each sketch
     * request is on its way (or will not go); the plan's loop then skips these copies ({@link #wentFirst}).
     */
    void startLineEditsFirst(List<Action> actions, SyncReport report) {
        for (Action action : actions) {
            if (action instanceof Action.Copy copy && copy.source().isFile() && byLines(copy)) {
                startedFirst.add(copy);
                lineEdits.add(copy).ifPresent(sketch -> track(sketch, report));
            }
        }
        lineEdits.flush().forEach(sketch -> track(sketch, report));
        for (InFlight transfer : inFlight) {
            if (transfer.sketchAsked() != null) {
                try {
                    transfer.sketchAsked().get(SKETCH_ASKED_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    return; // the other requests go now; the order only saves time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Whether {@code copy} was started by {@link #startLineEditsFirst}. */
    boolean wentFirst(Action.Copy copy) {
        return startedFirst.contains(copy);
    }

    /** Starts copying a file: into a batch, or as a transfer of its own (waiting for older ones when too many are out). */
    void start(Action.Copy copy, SyncReport report) throws IOException {
        if (byLines(copy)) {
            lineEdits.add(copy).ifPresent(sketch -> track(sketch, report));
        } else if (batchable(copy)) {
            if (batches.get(copy.to()).add(copy)) {
                flush(copy.to(), report);
            }
        } else {
            inFlight.add(new InFlight(List.of(copy), startAlone(copy), false));
            limitInFlight(report);
        }
    }

    /** Sends the open batches and waits for every transfer under way. */
    void finishAll(SyncReport report) {
        flushBatches(report);
        drain(report);
    }

    /**
     * Sends the open batches and line sketches without waiting for anything: before the cycle waits on other
     * actions' answers (deletions, renames), so that those requests and these share one round trip.
     */
    void sendOpenBatches(SyncReport report) {
        flushBatches(report);
    }

    /**
     * What the receiver's side of a copy is refined against: its own version of the file, or for a new file a
     * similar file it has ({@link SimilarFile}); null for a copy that goes in one round.
     */
    private FileEntry refinementBasis(Action.Copy copy) {
        Map<String, FileEntry> receiverTree = copy.to() == Side.CLIENT ? clientTree : serverTree;
        if (unrefined.contains(copy) || pushed(copy)) {
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

    /** Starts a copy of its own, refined against what the receiver holds when it can be. */
    private Crossing.Finisher startAlone(Action.Copy copy) throws IOException {
        return crossings.get(copy.to()).start(copy, refinementBasis(copy));
    }

    /** Transfers under way; a batch's finisher records its files itself, file by file. */
    private record InFlight(List<Action.Copy> copies, Crossing.Finisher finisher, boolean batch,
                            java.util.concurrent.CompletableFuture<Void> sketchAsked) {
        InFlight(List<Action.Copy> copies, Crossing.Finisher finisher, boolean batch) {
            this(copies, finisher, batch, null);
        }
    }

    /** A new small file travels in a batch. */
    private boolean batchable(Action.Copy copy) {
        return copy.source().isFile() && copy.targetBefore() == null && copy.source().size() <= BatchCollector.MAX_FILE
                && !retryAlone.contains(copy);
    }

    /** A copy that may go as a line edit: not one that already failed to go another way or must go alone. */
    private boolean byLines(Action.Copy copy) {
        return lineEdits.suits(copy) && !unrefined.contains(copy) && !retryAlone.contains(copy) && !pushed(copy);
    }

    /** A download whose content the server pushed ahead: it goes in one round, served from the push. */
    private boolean pushed(Action.Copy copy) {
        return copy.to() == Side.CLIENT && remote.holdsPushed(copy.source());
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
        inFlight.add(new InFlight(sketch.copies(), sketch.finish()::accept, true, sketch.asked()));
        limitInFlight(report);
    }

    private void flushBatches(SyncReport report) {
        lineEdits.flush().forEach(sketch -> track(sketch, report));
        flush(Side.SERVER, report);
        flush(Side.CLIENT, report);
    }

    private void flush(Side to, SyncReport report) {
        List<Action.Copy> copies = batches.get(to).take();
        if (copies.isEmpty()) {
            return;
        }
        List<FileEntry> files = copies.stream().map(Action.Copy::source).toList();
        try {
            Crossing crossing = crossings.get(to);
            Pending<List<PutBatchResult.Failed>> answer = crossing.startBatch(files);
            Crossing.Finisher finisher = r -> finishBatch(copies, answer.await(), crossing.batchSummary(), r);
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
        List<String> names = copies.stream().map(Action.Copy::path).filter(p -> !byPath.containsKey(p)).toList();
        LOG.info(summary, dev.deltasync.sync.PathList.describe(names, "new file"), bytes);
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
                inFlight.add(new InFlight(List.of(copy), startAlone(copy), false));
            } catch (IOException e) {
                SyncCycle.failed(copy, e, report);
                continue;
            }
            drain(report);
        }
        retryAlone.clear();
    }

    /** The cycle ends with transfers not finished (it failed midway): each frees what it holds. */
    void abandonUnfinished() {
        for (InFlight left = inFlight.poll(); left != null; left = inFlight.poll()) {
            left.finisher().abandon();
        }
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
