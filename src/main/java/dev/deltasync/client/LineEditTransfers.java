package dev.deltasync.client;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.rpc.Failure;
import dev.deltasync.rpc.Futures;
import dev.deltasync.rpc.RemoteException;

import dev.deltasync.lines.LinePatchException;
import dev.deltasync.sync.Action;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.Side;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.PutBatchResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copies of one sync cycle that go as line edits ({@link LineEditExchange}): queued per direction, sent a
 * sketch at a time beside the other transfers, each recorded in the sync state once its answer is in. A copy that
 * cannot go this way is handed back ({@link Fallback}) and never queued again.
 */
final class LineEditTransfers {

    private static final Logger LOG = LoggerFactory.getLogger(LineEditTransfers.class);

    /** What becomes of the copies that did not go as line edits. */
    interface Fallback {
        /** They go another way, in this cycle. */
        void otherwise(List<Action.Copy> copies, SyncReport report);

        /** The disk was full: it goes alone at the end of the cycle. */
        void retryAlone(Action.Copy copy);
    }

    /** A sketch under way: its copies, and what to do once its answer is in. */
    record Sketch(List<Action.Copy> copies, Consumer<SyncReport> finish, java.util.concurrent.CompletableFuture<Void> asked) {
    }

    private final LocalFolder local;
    private final RemoteFolder remote;
    private final SyncStateStore state;
    private final String serverId;
    private final ExecutorService rounds;
    private final Fallback fallback;
    private final Queue uploads = new Queue();
    private final Queue downloads = new Queue();
    /** Copies that did not go as line edits: they go another way. */
    private final Set<Action.Copy> refused = new HashSet<>();

    LineEditTransfers(LocalFolder local, RemoteFolder remote, SyncStateStore state, String serverId,
                      ExecutorService rounds, Fallback fallback) {
        this.local = local;
        this.remote = remote;
        this.state = state;
        this.serverId = serverId;
        this.rounds = rounds;
        this.fallback = fallback;
    }

    /** A copy of a text file up to 1 MiB the receiver holds another version of, when the server takes line edits. */
    boolean suits(Action.Copy copy) {
        FileEntry source = copy.source();
        FileEntry before = copy.targetBefore();
        return source.isFile() && before != null && before.isFile()
                && source.size() > 0 && source.size() <= LineEditExchange.MAX_FILE
                && before.size() > 0 && before.size() <= LineEditExchange.MAX_FILE
                && !refused.contains(copy);
    }

    /** Queues a copy; the sketch to track when its queue was full and went. */
    Optional<Sketch> add(Action.Copy copy) {
        Queue queue = copy.to() == Side.SERVER ? uploads : downloads;
        return queue.add(copy) ? Optional.of(start(queue)) : Optional.empty();
    }

    /** Sends what is queued; the sketches to track. */
    List<Sketch> flush() {
        List<Sketch> started = new ArrayList<>();
        for (Queue queue : List.of(uploads, downloads)) {
            if (!queue.isEmpty()) {
                started.add(start(queue));
            }
        }
        return started;
    }

    /** Copies waiting to go together as line edits, in one direction. */
    private static final class Queue {
        private final List<Action.Copy> copies = new ArrayList<>();
        private long bytes;

        /** Adds a copy; true when the queue is full and should go now. */
        boolean add(Action.Copy copy) {
            copies.add(copy);
            bytes += copy.source().size() + copy.targetBefore().size();
            return copies.size() >= LineEditExchange.MAX_FILES || bytes >= LineEditExchange.MAX_BYTES;
        }

        boolean isEmpty() {
            return copies.isEmpty();
        }

        List<Action.Copy> take() {
            List<Action.Copy> taken = List.copyOf(copies);
            copies.clear();
            bytes = 0;
            return taken;
        }
    }

    /** The sketch's round trips run beside the other transfers. */
    private Sketch start(Queue queue) {
        List<Action.Copy> copies = queue.take();
        java.util.concurrent.CompletableFuture<Void> asked = new java.util.concurrent.CompletableFuture<>();
        Runnable tell = () -> asked.complete(null);
        if (queue == uploads) {
            Future<LineEditExchange.Outcome> sending = rounds.submit(() -> {
                try {
                    return LineEditExchange.send(local, remote, copies, tell);
                } finally {
                    tell.run();
                }
            });
            return new Sketch(copies, report -> finishUploads(copies, sending, report), asked);
        }
        Future<LineEditExchange.Fetch> fetching = rounds.submit(() -> {
            try {
                return LineEditExchange.fetch(local, remote, copies, tell);
            } finally {
                tell.run();
            }
        });
        return new Sketch(copies, report -> finishDownloads(copies, fetching, report), asked);
    }

    private void finishDownloads(List<Action.Copy> copies, Future<LineEditExchange.Fetch> fetching,
                                     SyncReport report) {
        LineEditExchange.Fetch fetch;
        List<LineEditExchange.Fetched> edits;
        try {
            fetch = Futures.await(fetching, "line edits");
            edits = fetch.answer() == null ? List.of() : fetch.answer().await();
        } catch (IOException | RuntimeException e) {
            LOG.info("{} files could not come as line edits ({}); fetching them another way", copies.size(),
                    e instanceof IOException io ? Failure.of(io).text() : e.toString());
            otherwise(copies, report);
            return;
        }
        List<Action.Copy> otherwise = new ArrayList<>(fetch.unsent());
        List<LineEditExchange.Fetched> arrived = new ArrayList<>();
        List<LocalFolder.LineEditInstall> installs = new ArrayList<>();
        for (LineEditExchange.Fetched fetched : edits) {
            Action.Copy copy = fetched.copy();
            if (fetched.edit() == null) {
                otherwise.add(copy); // the server's version changed since its manifest: the usual way says so
                continue;
            }
            arrived.add(fetched);
            installs.add(new LocalFolder.LineEditInstall(copy.source(), copy.targetBefore().hash(), fetched.edit(),
                    copy.trashTarget()));
        }
        List<LocalFolder.LineEditOutcome> outcomes;
        try {
            outcomes = installs.isEmpty() ? List.of() : local.installLineEdits(installs, fetch.gone());
        } catch (IOException e) {
            arrived.forEach(fetched -> SyncCycle.failed(fetched.copy(), e, report));
            outcomes = List.of();
        }
        for (int i = 0; i < outcomes.size(); i++) {
            Action.Copy copy = arrived.get(i).copy();
            FileEntry source = copy.source();
            Exception failure = outcomes.get(i).failure();
            if (failure == null) {
                state.record(serverId, source);
                long added = arrived.get(i).edit().addedBytes();
                report.fileTransferred(added, source.size() - added);
                LOG.info("Updated {} from the server ({} bytes, {} of them new, as a line edit)", source.path(),
                        source.size(), added);
            } else if (failure instanceof LinePatchException e) {
                LOG.debug("{} did not come as a line edit ({}); fetching it another way", source.path(), e.getMessage());
                otherwise.add(copy);
            } else if (Failure.of((IOException) failure).code() == ErrorCodes.DISK_FULL) {
                fallback.retryAlone(copy);
            } else {
                SyncCycle.failed(copy, (IOException) failure, report);
            }
        }
        otherwise(otherwise, report);
    }

    private void finishUploads(List<Action.Copy> copies, Future<LineEditExchange.Outcome> sending, SyncReport report) {
        LineEditExchange.Outcome outcome;
        List<PutBatchResult.Failed> failed;
        try {
            outcome = Futures.await(sending, "line edits");
            failed = outcome.answer() == null ? List.of() : outcome.answer().await();
        } catch (IOException | RuntimeException e) {
            LOG.info("{} files could not go as line edits ({}); sending them another way", copies.size(),
                    e instanceof IOException io ? Failure.of(io).text() : e.toString());
            otherwise(copies, report);
            return;
        }
        Map<String, PutBatchResult.Failed> byPath = new HashMap<>();
        failed.forEach(f -> byPath.put(f.path(), f));
        List<Action.Copy> otherwise = new ArrayList<>(outcome.unsent());
        for (LineEditExchange.Sent sent : outcome.sent()) {
            Action.Copy copy = sent.copy();
            FileEntry source = copy.source();
            PutBatchResult.Failed why = byPath.get(source.path());
            if (why == null) {
                state.record(serverId, source);
                report.fileTransferred(sent.addedBytes(), source.size() - sent.addedBytes());
                LOG.info("Sent {} to the server ({} bytes, {} of them new, as a line edit)", source.path(),
                        source.size(), sent.addedBytes());
            } else if (why.code() == ErrorCodes.VERIFICATION) {
                LOG.debug("{} did not go as a line edit ({}); sending it another way", source.path(), why.reason());
                otherwise.add(copy);
            } else if (why.code() == ErrorCodes.DISK_FULL) {
                fallback.retryAlone(copy);
            } else {
                SyncCycle.failed(copy, new RemoteException(why.code(), why.reason()), report);
            }
        }
        otherwise(otherwise, report);
    }

    private void otherwise(List<Action.Copy> copies, SyncReport report) {
        refused.addAll(copies);
        fallback.otherwise(copies, report);
    }
}
