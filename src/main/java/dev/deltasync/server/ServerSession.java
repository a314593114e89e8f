package dev.deltasync.server;

import dev.deltasync.folder.BatchStream;
import dev.deltasync.folder.LocalFolder;
import dev.deltasync.manifest.ManifestHistory;
import dev.deltasync.manifest.ManifestKeys;
import dev.deltasync.rpc.Connection;
import dev.deltasync.rpc.Failure;
import dev.deltasync.rpc.PendingReply;
import dev.deltasync.rpc.Phase;
import dev.deltasync.rpc.RemoteException;

import dev.deltasync.lines.LineEdit;
import dev.deltasync.lines.LineEditFormat;
import dev.deltasync.lines.LinePatchException;
import dev.deltasync.wire.GetLineEdits;
import dev.deltasync.wire.GetLineSketch;
import dev.deltasync.lines.LineKeys;
import dev.deltasync.lines.Lines;
import dev.deltasync.wire.PutLines;
import java.io.BufferedInputStream;
import java.util.ArrayList;
import java.util.Set;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.rsync.RangeSignatures;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SignatureFormat;
import dev.deltasync.sync.EntryKey;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.TreeDigest;
import dev.deltasync.sync.MetadataDir;
import dev.deltasync.wire.Ack;
import dev.deltasync.wire.Auth;
import dev.deltasync.wire.Authenticator;
import dev.deltasync.wire.BadPathException;
import dev.deltasync.wire.Data;
import dev.deltasync.wire.Delete;
import dev.deltasync.wire.End;
import dev.deltasync.wire.ProtocolException;
import dev.deltasync.wire.Error;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.GetBatch;
import dev.deltasync.wire.GetFile;
import dev.deltasync.wire.GetPartial;
import dev.deltasync.wire.GetRangeSignatures;
import dev.deltasync.wire.GetSharedRound;
import dev.deltasync.wire.SharedRoundAnswer;
import dev.deltasync.wire.GetRanges;
import dev.deltasync.wire.GetSignature;
import dev.deltasync.wire.Heartbeat;
import dev.deltasync.wire.Hello;
import dev.deltasync.wire.ManifestChunker;
import dev.deltasync.wire.ManifestRequest;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.Mkdir;
import dev.deltasync.wire.MoreSymbols;
import dev.deltasync.wire.PathGuard;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.PutBatchResult;
import dev.deltasync.wire.PutFile;
import dev.deltasync.wire.Refused;
import dev.deltasync.wire.Rename;
import dev.deltasync.wire.ServerHandshake;

/**
 * The server's side of one client connection: the handshake, then a file service on the server's
 * folder. The client drives every sync; this class answers and never decides what to sync.
 */
public final class ServerSession {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSession.class);
    /**
     * A client's requests whose stream has not ended yet, and its answers queued to stream back, at most: a client
     * keeps fewer than 100 of each under way (64 transfers in flight and a few batches, sketches and rounds), so
     * one past either has stopped reading or is hostile, and is cut off before its queue holds the server's memory.
     */
    public static final int MAX_OPEN_STREAMS = 1024;
    public static final int MAX_QUEUED_ANSWERS = 1024;

    private final String remote;
    private final ServerContext server;
    private final Connection connection;
    private final Runnable close;
    private final ServerHandshake handshake;
    private final Consumer<List<String>> applied;
    private final SketchReceiver sketch = new SketchReceiver();
    private final LineSketches lineSketches = new LineSketches();
    private final ServerPolicy policy;
    private final SpoolQuota.Account spool;
    private final CutUploads cutUploads;
    private final Map<Class<? extends Message>, Handler<?>> handlers = new HashMap<>();
    /**
     * Where streamed answers run, one at a time, off the queue that handles the client's frames (so its uploads'
     * pieces and new requests keep flowing while an answer waits for a slow client); null: in place.
     */
    private final Executor streams;
    private String clientId = "?";
    private volatile boolean authenticated;
    /** Set once the connection is being closed for a fault: what is still queued for the client is not answered. */
    private volatile boolean cutOff;
    /** Answers accepted to stream back to the client and not yet sent (queued, or waiting for the client). */
    private final java.util.concurrent.atomic.AtomicInteger queuedAnswers = new java.util.concurrent.atomic.AtomicInteger();

    /** @param applied told the paths each request of this client changed, for the other clients */
    public ServerSession(String remote, ServerContext server, Connection.Factory connections, Runnable close,
                         Consumer<List<String>> applied) {
        this(remote, server, connections, close, applied, null);
    }

    /**
     * @param streams runs the answers that stream to the client (a file, its delta, ranges, signatures, a manifest,
     *                line edits), one at a time: sending to a slow client waits for it, which must hold up neither
     *                the other clients nor this client's own frames; null: in place (after an upload: on the
     *                installers)
     */
    public ServerSession(String remote, ServerContext server, Connection.Factory connections, Runnable close,
                         Consumer<List<String>> applied, Executor streams) {
        this.streams = streams;
        this.applied = applied;
        this.remote = remote;
        this.server = server;
        this.connection = connections.create(this::onRequest);
        this.close = close;
        this.handshake = new ServerHandshake(new Authenticator(server.secret()), server.serverId(), server.mode(),
                server.maxFrame());
        this.policy = new ServerPolicy(server.mode());
        this.spool = server.spoolQuota().account("client at " + remote);
        this.cutUploads = new CutUploads(server.folder());
        connection.limitOpenStreams(MAX_OPEN_STREAMS);
        registerHandlers();
    }

    public Connection connection() {
        return connection;
    }

    public boolean isAuthenticated() {
        return authenticated;
    }

    /** The connection is being closed for a fault of the client's: its requests still queued go unanswered. */
    public void cutOff() {
        cutOff = true;
    }

    public boolean isCutOff() {
        return cutOff;
    }

    /** Whether pushes to this client may carry the manifest step and small contents. */
    public boolean takesPushedSteps() {
        return handshake.clientTakesPushedSteps();
    }

    /** Whether this client takes small files of a pushed step as line edits. */
    public boolean takesPushedEdits() {
        return handshake.clientTakesPushedEdits();
    }

    /** The client's folder id, once it said hello ("?" before). */
    public String clientId() {
        return clientId;
    }

    public String describe() {
        return "client " + clientId + " (" + remote + ")";
    }

    private void onRequest(int id, Message message) {
        if (message instanceof Data || message instanceof End) {
            throw new ProtocolException("a Data stream for request " + id + ", which expects none");
        }
        answering(id, message, () -> {
            if (authenticated && message instanceof dev.deltasync.wire.Hello) {
                throw new dev.deltasync.wire.ProtocolException("second Hello on the same connection");
            }
            if (!authenticated) {
                handshake(id, message);
            } else {
                serve(id, message);
            }
        });
    }

    /** Runs what answers request {@code id}; a failure the client may hear of is answered as an Error. */
    private void answering(int id, Message message, Answer answer) {
        try {
            answer.run();
        } catch (RemoteException e) {
            discardStream(id, message);
            connection.send(id, new Error(e.code(), e.getMessage()));
        } catch (BadPathException e) {
            LOG.warn("Refused a path from {}: {}", describe(), e.getMessage());
            discardStream(id, message);
            connection.send(id, new Error(ErrorCodes.BAD_PATH, e.getMessage()));
        } catch (IOException e) {
            discardStream(id, message);
            Failure failure = Failure.of(e);
            LOG.warn("Request from {} failed: {}", describe(), failure.text());
            connection.send(id, new Error(failure.code(), failure.text()));
        }
    }

    @FunctionalInterface
    private interface Answer {
        void run() throws IOException;
    }

    /**
     * Streams the answer to request {@code id} on the session's streams executor; its first frame to a connection
     * that was cut meanwhile ends it (the connection is closed for good then).
     */
    private void streamAnswer(int id, Message message, Answer answer) {
        streams.execute(() -> {
            try {
                if (cutOff) {
                    return;
                }
                answering(id, message, answer);
            } catch (RuntimeException e) {
                List<String> paths = PathsOf.message(message);
                LOG.info("Stopped answering {}{} to {}: {}", message.getClass().getSimpleName(),
                        paths.isEmpty() ? "" : " for " + dev.deltasync.sync.PathList.describe(paths, "file"),
                        describe(), e.getMessage());
                close.run();
            } finally {
                queuedAnswers.decrementAndGet();
            }
        });
    }

    /** Counts one more answer to stream back; past {@link #MAX_QUEUED_ANSWERS} the client is cut off. */
    private void queueAnswer(int id) {
        if (queuedAnswers.incrementAndGet() > MAX_QUEUED_ANSWERS) {
            queuedAnswers.decrementAndGet();
            throw new ProtocolException("request " + id + " asks for an answer while " + MAX_QUEUED_ANSWERS
                    + " answers to it are still queued or unread (it stopped reading?)");
        }
    }

    /** Answers queued to stream back to this client (see {@link #MAX_QUEUED_ANSWERS}). */
    public int queuedAnswers() {
        return queuedAnswers.get();
    }

    /** A refused request's stream is still on its way: it is read and dropped, within the request's bound. */
    private void discardStream(int id, Message request) {
        if (authenticated && StreamBounds.opensStream(request)) {
            connection.expect(id, OutputStream.nullOutputStream(), StreamBounds.of(request, server.maxFrame()));
        }
    }

    private void handshake(int id, Message message) {
        Message answer;
        if (message instanceof Hello hello) {
            clientId = hello.peerId();
            answer = handshake.onHello(hello);
        } else if (message instanceof Auth auth) {
            answer = handshake.onAuth(auth).orElse(null);
            if (answer == null) {
                connection.negotiated(server.maxFrame());
                authenticated = true;
                LOG.info("Client {} connected from {} and authenticated", clientId, remote);
                return;
            }
        } else if (message instanceof Heartbeat) {
            return;
        } else if (message instanceof Refused gaveUp) {
            // the client checked our proof first and tells why it will not go on
            LOG.warn("Failed authentication of {}: {}", describe(), gaveUp.reason());
            close.run();
            return;
        } else {
            answer = new Refused(ErrorCodes.PROTOCOL, "authenticate first");
        }
        if (answer instanceof Refused refused) {
            LOG.warn("Refused {}: {}", describe(), refused.reason().replace("the client does not know the secret",
                    "wrong secret or none given (the client's proof does not match this server's secret)"));
            refuse(id, refused);
            return;
        }
        connection.send(id, answer);
    }

    private void refuse(int id, Refused refused) {
        connection.send(id, refused);
        close.run();
    }

    private void serve(int id, Message message) throws IOException {
        LocalFolder folder = server.folder();
        for (String path : PathsOf.message(message)) {
            folder.resolve(path); // refuses '..', absolute paths, NUL bytes and symlinks leading out
            if (MetadataDir.isInside(PathGuard.normalize(path))) {
                throw new BadPathException(path, "the folder's metadata (.deltasync/) is never synced");
            }
        }
        policy.check(message, describe());
        Handler<Message> handler = handler(message);
        if (handler == null) {
            connection.send(id, new Error(ErrorCodes.PROTOCOL, "unexpected " + message.getClass().getSimpleName()));
            return;
        }
        if (streams != null && answeredByStreamOnly(message)) {
            queueAnswer(id);
            caughtUpFor(message).thenRun(() -> streamAnswer(id, message, () -> handler.handle(id, message)));
        } else {
            handler.handle(id, message);
        }
    }

    /**
     * When the answer to {@code request} may be composed: for a manifest request that asks for it, once the folder's
     * scan holds what the watcher holds now (bounded); for all others at once. The wait holds no thread: what answers
     * is queued on the session's streams queue when it completes.
     */
    private java.util.concurrent.CompletableFuture<Void> caughtUpFor(Message request) {
        return request instanceof ManifestRequest manifest && manifest.settled() ? server.watcherCaughtUp(describe())
                : java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Whether {@code request} brings no stream of its own and is answered with one (which may wait for the client). */
    private static boolean answeredByStreamOnly(Message request) {
        return !StreamBounds.opensStream(request) && (request instanceof ManifestRequest
                || request instanceof GetSignature || request instanceof GetRangeSignatures
                || request instanceof GetSharedRound || request instanceof GetRanges || request instanceof GetFile
                || request instanceof GetLineSketch || request instanceof GetBatch || request instanceof GetPartial);
    }

    /** What answers one type of request. */
    @FunctionalInterface
    private interface Handler<M extends Message> {
        void handle(int id, M message) throws IOException;
    }

    @SuppressWarnings("unchecked")
    private Handler<Message> handler(Message message) {
        return (Handler<Message>) handlers.get(message.getClass());
    }

    private <M extends Message> void on(Class<M> type, Handler<M> handler) {
        handlers.put(type, handler);
    }

    /** One handler per request type: the whole file service of the server. */
    private void registerHandlers() {
        on(ManifestRequest.class, this::manifest);
        on(GetSignature.class, this::signature);
        on(GetRangeSignatures.class, this::rangeSignatures);
        on(GetSharedRound.class, this::answerSharedRound);
        on(GetRanges.class, this::ranges);
        on(GetFile.class, this::file);
        on(PutFile.class, (id, put) -> receiveThen(id, put, spool -> install(id, put, spool)));
        on(GetLineSketch.class, this::lineSketch);
        on(PutLines.class, (id, put) -> receiveThen(id, put, spool -> installLines(id, put, spool)));
        on(GetLineEdits.class, (id, get) -> receiveThen(id, get, keys -> answerLineEdits(id, get, keys)));
        on(GetBatch.class, this::batch);
        on(PutBatch.class, (id, batch) -> receiveThen(id, batch, spool -> installBatch(id, batch, spool)));
        on(Delete.class, this::delete);
        on(Rename.class, this::rename);
        on(Mkdir.class, this::mkdir);
        on(GetPartial.class, this::partial);
    }

    private void partial(int id, GetPartial get) throws IOException {
        try (OutputStream out = connection.openStream(id)) {
            cutUploads.answer(clientId, describe(), get, out);
        }
    }

    private void manifest(int id, ManifestRequest request) throws IOException {
        if (request.sketch() != null) {
            receiveThen(id, request, symbols -> answerSketch(id, request, symbols));
        } else if (request.withKeys()) {
            receiveThen(id, request, keys -> {
                long[] theirKeys = ManifestKeys.read(keys, request.keyBytes(), server.maxFrame());
                answerManifest(id, request, entries -> ManifestKeys.split(entries, theirKeys, request.keyBytes()));
            });
        } else {
            answerManifest(id, request, null);
        }
    }

    private void signature(int id, GetSignature get) throws IOException {
        Signature signature = server.folder().signature(get.path(), get.expectedHash());
        try (OutputStream out = connection.openStream(id)) {
            SignatureFormat.write(signature, out);
        }
    }

    private void rangeSignatures(int id, GetRangeSignatures get) throws IOException {
        server.folder().writeRangeSignatures(get.path(), get.expectedHash(), get.blockLength(), get.seed(),
                get.ranges(), get.width(), get.width() == null ? RangeSignatures.Form.CHECKED : RangeSignatures.Form.BARE,
                () -> comparing(get.path(), connection.openStream(id)));
    }

    /**
     * Signing stretches of a file for a client's comparison: its lines say how long it has taken (the sums leave in
     * a few frames at the end, so the bytes written tell no share).
     */
    private OutputStream comparing(String path, OutputStream out) {
        return server.folder().progress().writing(out, path, Phase.COMPARING, "Reading " + path + " for "
                + describe() + " to compare it with theirs", 0);
    }

    private void ranges(int id, GetRanges get) throws IOException {
        long total = get.ranges().stream().mapToLong(dev.deltasync.rsync.BasisRange::length).sum();
        server.folder().writeRanges(get.path(), get.expectedHash(), get.ranges(), () -> server.folder().progress()
                .writing(connection.openStream(id), get.path(), Phase.SENDING, "Sending " + get.path() + " to "
                        + describe() + " (the parts they lack)", total));
    }

    private void file(int id, GetFile get) throws IOException {
        if (get.againstCachedBasis()) {
            sendAgainstCached(id, get);
        } else if (get.withSignature()) {
            receiveThen(id, get, spool -> sendDelta(id, get, readSignature(spool)));
        } else {
            sendDelta(id, get, Signature.empty());
        }
    }

    private void lineSketch(int id, GetLineSketch get) throws IOException {
        try (OutputStream out = connection.openStream(id)) {
            lineSketches.answer(get, server.folder(), out);
        }
    }

    private void batch(int id, GetBatch batch) throws IOException {
        long total = batch.files().stream().mapToLong(GetBatch.Wanted::size).sum();
        if (total > GetBatch.MAX_TOTAL) {
            throw new RemoteException(ErrorCodes.PROTOCOL, "a batch may ask for at most " + GetBatch.MAX_TOTAL
                    + " bytes, not " + total);
        }
        try (OutputStream out = connection.openStream(id)) {
            for (GetBatch.Wanted wanted : batch.files()) {
                BatchStream.writeExactly(server.folder(), wanted.path(), wanted.size(), out);
            }
        }
    }

    private void delete(int id, Delete delete) throws IOException {
        LocalFolder folder = server.folder();
        FileEntry expected = folder.requireEntry(delete.path(), delete.expectedHash());
        folder.delete(expected, !expected.isDir() && policy.trashesWhatClientsReplace()); // whatever it asked
        // a directory's removal is left to the next scan (its children may go with it)
        connection.send(id, expected.isDir() ? new Ack()
                : ack(server.manifests().record(List.of(), List.of(delete.path()))));
        applied.accept(List.of(delete.path()));
    }

    private void rename(int id, Rename rename) throws IOException {
        LocalFolder folder = server.folder();
        FileEntry expected = folder.requireEntry(rename.from(), rename.expectedHash());
        folder.rename(rename.from(), rename.to(), expected);
        connection.send(id, expected.isDir() ? new Ack() : ack(server.manifests().record(
                List.of(expected.withPath(rename.to())), List.of(rename.from()))));
        applied.accept(List.of(rename.from(), rename.to()));
    }

    private void mkdir(int id, Mkdir mkdir) throws IOException {
        server.folder().mkdir(FileEntry.dir(mkdir.path(), System.currentTimeMillis()).withMode(mkdir.mode()));
        connection.send(id, new Ack());
        applied.accept(List.of(mkdir.path()));
    }

    /** Each part is answered on its own: one file that changed or went away fails alone. */
    private void answerSharedRound(int id, GetSharedRound round) throws IOException {
        LocalFolder folder = server.folder();
        try (OutputStream out = connection.openStream(id)) {
            for (GetSharedRound.Part part : round.parts()) {
                ByteArrayOutputStream signatures = new ByteArrayOutputStream();
                try {
                    if (RangeSignatures.replyBytes(part.blockLength(), part.ranges(), part.width())
                            > GetSharedRound.MAX_PART_REPLY) {
                        throw new RemoteException(ErrorCodes.PROTOCOL, "a shared round may ask for at most "
                                + GetSharedRound.MAX_PART_REPLY + " bytes of signatures per file");
                    }
                    folder.writeRangeSignatures(part.path(), part.expectedHash(), part.blockLength(), round.seed(),
                            part.ranges(), part.width(), RangeSignatures.Form.BARE,
                            () -> comparing(part.path(), signatures));
                } catch (IOException e) {
                    Failure failure = Failure.of(e);
                    SharedRoundAnswer.writeFailed(failure.code(), failure.text(), out);
                    continue;
                } catch (BadPathException e) {
                    SharedRoundAnswer.writeFailed(ErrorCodes.BAD_PATH, e.getMessage(), out);
                    continue;
                } catch (IllegalArgumentException e) {
                    SharedRoundAnswer.writeFailed(ErrorCodes.PROTOCOL, e.getMessage(), out);
                    continue;
                }
                SharedRoundAnswer.writeOk(out);
                signatures.writeTo(out);
            }
        }
    }

    private void sendDelta(int id, GetFile get, Signature basis) throws IOException {
        FileEntry file = server.folder().current(get.path());
        try (OutputStream out = server.folder().progress().writing(connection.openStream(id), get.path(),
                Phase.SENDING, "Sending " + get.path() + " to " + describe(), file == null ? 0 : file.size())) {
            server.folder().writeDelta(get.path(), get.expectedHash(), basis, out);
        }
    }

    /**
     * A download of a client that names the version it holds: a delta against our own signature of that version, at
     * once (the client checks its basis and the result by their hashes), or a lone 0 when we keep none.
     */
    private void sendAgainstCached(int id, GetFile get) throws IOException {
        LocalFolder folder = server.folder();
        Signature cached = folder.signatureCache().find(get.basisHash()).orElse(null);
        if (cached == null) {
            folder.requireFile(get.path(), get.expectedHash());
            LOG.debug("No signature kept of the version of {} that {} holds; it refines", get.path(), describe());
            try (OutputStream out = connection.openStream(id)) {
                out.write(0);
            }
            return;
        }
        FileEntry file = folder.requireFile(get.path(), get.expectedHash());
        try (OutputStream out = folder.progress().writing(connection.openStream(id), get.path(), Phase.SENDING,
                "Sending " + get.path() + " to " + describe() + " (against the version they hold)", file.size())) {
            out.write(1);
            folder.writeDelta(get.path(), get.expectedHash(), cached, out);
        }
    }

    private Signature readSignature(Path spool) throws IOException {
        try (InputStream in = Files.newInputStream(spool)) {
            return SignatureFormat.read(in);
        }
    }

    private void install(int id, PutFile put, Path delta) throws IOException {
        LocalFolder folder = server.folder();
        FileEntry target = put.target();
        FileEntry current = folder.current(target.path());
        String currentHash = current == null ? "" : current.hash();
        boolean similarBasis = !put.basisPath().isEmpty();
        String basisHash = similarBasis ? "" : put.basisHash();
        if (basisHash.isEmpty() ? !currentHash.isEmpty() : !FileEntry.hashNames(currentHash, basisHash)) {
            throw new RemoteException(ErrorCodes.CHANGED_SINCE_SCAN, target.path()
                    + " changed on the server since it was scanned; the client will reconcile again");
        }
        boolean trash = policy.trashesWhatClientsReplace();
        FileEntry installed = target;
        if (target.kind() == FileEntry.Kind.SYMLINK) {
            folder.installSymlink(target, current, trash);
        } else if (put.resumed()) {
            installed = target.withWholeHash(folder.installDelta(target, current, cutUploads.basis(clientId, put),
                    delta, trash).sha256Hex());
        } else if (similarBasis) {
            folder.requireFile(put.basisPath(), put.basisHash());
            installed = target.withWholeHash(
                    folder.installDelta(target, null, folder.resolve(put.basisPath()), delta, trash).sha256Hex());
        } else {
            installed = target.withWholeHash(folder.installDelta(target, current, delta, trash).sha256Hex());
        }
        connection.send(id, ack(server.manifests().record(List.of(installed), List.of())));
        applied.accept(List.of(target.path()));
    }

    /** An Ack naming the manifest version a recorded change made (a plain Ack when nothing was recorded). */
    private static Ack ack(ManifestHistory.Recorded recorded) {
        return recorded == null ? new Ack() : new Ack(recorded.basedOn(), recorded.version());
    }

    /** The folder as scanned, and the manifest version when the scan began. */
    private record Scan(long beganAt, Map<String, FileEntry> entries, long number) {
    }

    private Scan scan() throws IOException {
        long beganAt = server.manifests().version();
        dev.deltasync.sync.WatchedScan.Numbered scanned = server.folder().numberedScan();
        return new Scan(beganAt, scanned.result().entries(), scanned.number());
    }

    private void answerSketch(int id, ManifestRequest request, Path symbols) throws IOException {
        Scan[] started = new Scan[1];
        SketchReceiver.Step step = sketch.take(request, symbols, () -> {
            started[0] = scan();
            return List.copyOf(started[0].entries().values());
        }, server.maxFrame());
        if (step.split() == null) {
            connection.send(id, new MoreSymbols(step.moreSymbols()));
        } else {
            // a sketch that decoded in the request that started it is answered from the scan it started with
            answerManifest(id, request, step.split(), started[0] != null ? started[0] : scan());
        }
    }

    /** @param keyed how our entries split against the client's keys (first contact), or null */
    private void answerManifest(int id, ManifestRequest request,
                                Function<List<FileEntry>, ManifestKeys.Split> keyed) throws IOException {
        answerManifest(id, request, keyed, scan());
    }

    private void answerManifest(int id, ManifestRequest request, Function<List<FileEntry>, ManifestKeys.Split> keyed,
                                Scan scanned) {
        Map<String, FileEntry> scan = scanned.entries();
        ManifestHistory.Answer answer = server.manifests().answer(request.since(), scan, scanned.beganAt(),
                scanned.number(), server.folder().watchedScan()::changedBetween);
        List<FileEntry> entries = answer.entries();
        BitSet same = null;
        String treeDigest = "";
        if (keyed != null && !answer.diff()) {
            ManifestKeys.Split split = keyed.apply(entries);
            if (request.keyBytes() < EntryKey.MAX_BYTES) {
                treeDigest = TreeDigest.of(entries);
            }
            entries = split.theyLack();
            same = split.same();
        }
        ManifestChunker.chunk(entries, answer.removed(), answer.version(), answer.diff(), same, treeDigest,
                        server.maxFrame())
                .forEach(chunk -> connection.send(id, chunk));
    }

    /** Each file's edit is made on its own: a file that changed or went away is answered "none" alone. */
    private void answerLineEdits(int id, GetLineEdits get, Path keys) throws IOException {
        Set<Long> wanted;
        Set<Long> gone;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(keys))) {
            wanted = LineEditFormat.readKeys(in);
            gone = LineEditFormat.readKeys(in);
            if (in.read() != -1) {
                throw new RemoteException(ErrorCodes.PROTOCOL, "bytes left over after the line keys");
            }
        } catch (LineEditFormat.LineFormatException e) {
            throw new RemoteException(ErrorCodes.PROTOCOL, "line edits: " + e.getMessage());
        }
        try (OutputStream out = new java.io.BufferedOutputStream(connection.openStream(id), 1 << 16)) {
            for (GetLineEdits.File file : get.files()) {
                byte[] content = server.folder().lineEditable(file.path(), file.expectedHash());
                if (content == null) {
                    out.write(1);
                    continue;
                }
                int[] starts = Lines.starts(content);
                out.write(0);
                LineEditFormat.write(LineEdit.of(file.index(), content, starts,
                        LineKeys.of(file.index(), content, starts), wanted, gone), out);
            }
        }
    }

    /** Each file's edit is applied on its own: one that does not apply (or gives another hash) fails alone. */
    private void installLines(int id, PutLines put, Path edits) throws IOException {
        LocalFolder folder = server.folder();
        boolean trash = policy.trashesWhatClientsReplace();
        List<FileEntry> installed = new ArrayList<>();
        List<PutBatchResult.Failed> failed = new ArrayList<>();
        Set<Long> removed;
        List<LineEdit> read = new ArrayList<>();
        // the whole stream is read first: a malformed one installs nothing
        try (InputStream in = new BufferedInputStream(Files.newInputStream(edits))) {
            removed = LineEditFormat.readKeys(in);
            for (PutLines.File file : put.files()) {
                read.add(LineEditFormat.read(in, file.index(), file.target().size()));
            }
            if (in.read() != -1) {
                throw new RemoteException(ErrorCodes.PROTOCOL, "bytes left over after the line edits of "
                        + put.files().size() + " files");
            }
        } catch (LineEditFormat.LineFormatException e) {
            throw new RemoteException(ErrorCodes.PROTOCOL, "line edits: " + e.getMessage() + "; nothing installed");
        }
        List<LocalFolder.LineEditInstall> installs = new ArrayList<>();
        for (int i = 0; i < put.files().size(); i++) {
            PutLines.File file = put.files().get(i);
            installs.add(new LocalFolder.LineEditInstall(file.target(), file.basisHash(), read.get(i), trash));
        }
        List<LocalFolder.LineEditOutcome> outcomes = folder.installLineEdits(installs, removed);
        for (int i = 0; i < outcomes.size(); i++) {
            String path = put.files().get(i).target().path();
            LocalFolder.LineEditOutcome outcome = outcomes.get(i);
            if (outcome.installed() != null) {
                installed.add(outcome.installed());
            } else if (outcome.failure() instanceof LinePatchException e) {
                failed.add(new PutBatchResult.Failed(path, ErrorCodes.VERIFICATION, e.getMessage()));
            } else {
                Failure why = Failure.of((IOException) outcome.failure());
                failed.add(new PutBatchResult.Failed(path, why.code(), why.text()));
            }
        }
        // what was installed is logged with the other applied changes (see camel.ServerChangeLog)
        if (!failed.isEmpty()) {
            LOG.info("{} from {} could not be applied as line edits; the client sends them another way",
                    dev.deltasync.sync.PathList.describe(failed.stream().map(PutBatchResult.Failed::path).toList(),
                            "file"), describe());
        }
        answerInstalled(id, installed, failed);
    }

    private void installBatch(int id, PutBatch batch, Path contents) throws IOException {
        LocalFolder.BatchInstall result = server.folder().installNewFiles(batch.targets(), contents);
        List<PutBatchResult.Failed> failed = result.failed();
        if (!failed.isEmpty()) {
            LOG.info("Did not install {} from {}: {}", dev.deltasync.sync.PathList.describe(
                    failed.stream().map(PutBatchResult.Failed::path).toList(), "new file"), describe(),
                    failed.get(0).reason());
        }
        answerInstalled(id, result.installed(), failed);
    }

    /** Records the files installed as a manifest version, names it in the answer, and tells the other clients. */
    private void answerInstalled(int id, List<FileEntry> installed, List<PutBatchResult.Failed> failed) {
        ManifestHistory.Recorded recorded = server.manifests().record(installed, List.of());
        connection.send(id, recorded == null ? new PutBatchResult(failed)
                : new PutBatchResult(failed, recorded.basedOn(), recorded.version()));
        applied.accept(installed.stream().map(FileEntry::path).toList());
    }

    /**
     * Spools the stream of request {@code id} to a temp file, within the request's bound and the spool quota, then
     * runs {@code then} with it.
     */
    private void receiveThen(int id, Message request, SpoolHandler then) throws IOException {
        connection.requireRoomForStream(id);
        boolean answersByStream = streams != null && answeredBySending(request);
        if (answersByStream) {
            queueAnswer(id);
        }
        Path spool;
        SpoolQuota.Account.Charged out;
        try {
            spool = cutUploads.spoolFor(clientId, request);
            out = this.spool.charge(withProgress(request, Files.newOutputStream(spool)));
        } catch (IOException | RuntimeException e) {
            if (answersByStream) {
                queuedAnswers.decrementAndGet();
            }
            throw e;
        }
        PendingReply reply = connection.expect(id, out, StreamBounds.of(request, server.maxFrame()));
        Executor runner = answersByStream ? streams : server.installer();
        java.util.concurrent.CompletableFuture<Void> caughtUp = caughtUpFor(request);
        reply.whenDone((message, failure) -> {
            // the spool's file is closed once its stream ended, not when the installer gets to it: uploads queued
            // for the installer hold no file descriptor
            IOException closing = closeSpool(out);
            caughtUp.thenRun(() -> runner.execute(() -> {
                Error answer = null;
                try (out) {
                    if (closing != null) {
                        throw closing;
                    }
                    if (failure == null && message instanceof End) {
                        then.handle(spool);
                    } else if (request instanceof PutFile put && connection.isClosed()) {
                        cutUploads.keep(clientId, describe(), put, spool); // cut off: what arrived is kept to resume
                    } else if (failure instanceof IOException local && !(failure instanceof RemoteException)
                            && !connection.isClosed()) {
                        throw local; // our side of the stream failed (disk full...): tell the client
                    }
                } catch (RemoteException e) {
                    answer = new Error(e.code(), e.getMessage());
                } catch (IOException e) {
                    Failure f = Failure.of(e);
                    LOG.warn("Request from {} failed: {}", describe(), f.text());
                    answer = new Error(f.code(), f.text());
                } catch (BadPathException e) {
                    answer = new Error(ErrorCodes.BAD_PATH, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("Request from {} failed: {}", describe(), e.toString());
                    answer = new Error(ErrorCodes.IO, String.valueOf(e.getMessage()));
                } finally {
                    try {
                        cutUploads.discard(spool);
                    } catch (IOException ignored) {
                        // the temp folder is swept at start-up
                    }
                    out.release();
                    if (answersByStream) {
                        queuedAnswers.decrementAndGet();
                    }
                }
                // answered only once the spool is gone: a client retrying after DISK_FULL finds the space free again
                if (answer != null && !connection.isClosed()) {
                    try {
                        connection.send(id, answer);
                    } catch (RuntimeException closed) {
                        // the connection is gone; the client will retry on its next cycle
                    }
                }
            }));
        });
    }

    private static IOException closeSpool(OutputStream out) {
        try {
            out.close();
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** Whether what answers {@code request} sends more than an acknowledgement (it may wait for a slow client). */
    private static boolean answeredBySending(Message request) {
        return request instanceof GetFile || request instanceof GetLineEdits || request instanceof ManifestRequest;
    }

    /** A file a client uploads logs its progress as it comes in, like the client's own "Sending" lines. */
    private OutputStream withProgress(Message request, OutputStream spool) {
        return request instanceof PutFile put ? server.folder().progress().writing(spool, put.target().path(),
                Phase.RECEIVING, "Receiving " + put.target().path() + " from " + describe(), put.target().size()) : spool;
    }

    @FunctionalInterface
    private interface SpoolHandler {
        void handle(Path spool) throws IOException;
    }
}
