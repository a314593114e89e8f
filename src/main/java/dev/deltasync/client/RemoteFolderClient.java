package dev.deltasync.client;

import dev.deltasync.folder.BatchStream;
import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.SyncThreads;
import dev.deltasync.manifest.ManifestHistory;
import dev.deltasync.manifest.ManifestKeys;
import dev.deltasync.manifest.ManifestSketch;
import dev.deltasync.manifest.ManifestVersion;
import dev.deltasync.rpc.Connection;
import dev.deltasync.rpc.Pending;
import dev.deltasync.rpc.Phase;
import dev.deltasync.rpc.Progress;
import dev.deltasync.rpc.RemoteException;
import dev.deltasync.rpc.Requests;

import dev.deltasync.lines.LineEdit;
import dev.deltasync.lines.LineEditFormat;
import dev.deltasync.wire.GetLineEdits;
import dev.deltasync.wire.GetLineSketch;
import dev.deltasync.wire.PutLines;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.deltasync.rsync.BasisRange;
import dev.deltasync.rsync.DeltaEncoder;
import dev.deltasync.rsync.DeltaStats;
import dev.deltasync.rsync.RangeSignatures;
import dev.deltasync.rsync.RefinePolicy;
import dev.deltasync.rsync.RefiningEncoder;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SumWidth;
import dev.deltasync.rsync.SignatureFormat;
import dev.deltasync.sync.EntryKey;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.KeySketch;
import dev.deltasync.sync.TreeDigest;
import dev.deltasync.sync.KnownManifest;
import dev.deltasync.wire.Ack;
import dev.deltasync.wire.Delete;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.GetBatch;
import dev.deltasync.wire.GetFile;
import dev.deltasync.wire.GetRangeSignatures;
import dev.deltasync.wire.GetRanges;
import dev.deltasync.wire.GetSignature;
import dev.deltasync.wire.ManifestChunk;
import dev.deltasync.wire.ManifestRequest;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.MoreSymbols;
import dev.deltasync.wire.Mkdir;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.PutBatchResult;
import dev.deltasync.wire.PutFile;
import dev.deltasync.wire.Rename;

/** {@link RemoteFolder} over a connection: one request per call, streams spooled to temp files. */
public final class RemoteFolderClient implements RemoteFolder {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RemoteFolderClient.class);

    private static final int ROUND_TRIP_PINGS = 3;

    private final Connection connection;
    private final Requests requests;
    private final LocalFolder local;
    private final SharedRounds sharedRounds;
    private final KeptUploadQuestions keptUploads;
    private final LineSketchesAhead sketchesAhead;
    private final KnownManifest known;
    /** Whether the server resumes cut uploads (it announced {@code Capabilities.RESUME}). */
    private boolean serverResumes;
    /** Whether the server answers downloads against its signature of our version (CACHED_BASIS). */
    private boolean cachedBases;
    /** Whether this cycle's manifest requests ask the server to wait for its watcher (SETTLED_MANIFEST). */
    private boolean settled;
    /** What the server pushed ahead of this cycle: manifest steps and small contents. */
    private PushedChanges pushed = new PushedChanges();
    /** This cycle's changes that the server recorded as versions of their own. */
    private final List<OwnChange> ownChanges = new ArrayList<>();

    /** @param moved a file moved from its key to its value (what it held is in the manifest copy) */
    private record OwnChange(long basedOn, long version, List<FileEntry> changed, List<String> removed,
                             Map<String, String> moved) {
        OwnChange(long basedOn, long version, List<FileEntry> changed, List<String> removed) {
            this(basedOn, version, changed, removed, Map.of());
        }
    }

    /** @param known the last manifest of this server, to ask for only what changed since */
    private long localRoundTripNanos = RefinePolicy.LOCAL_NANOS;

    public RemoteFolderClient(Connection connection, LocalFolder local, long timeoutMs, KnownManifest known,
                              SyncThreads threads) {
        this.connection = connection;
        this.requests = new Requests(connection, timeoutMs);
        this.local = local;
        this.sharedRounds = new SharedRounds(requests, timeoutMs, threads.sharedRoundSenders());
        this.keptUploads = new KeptUploadQuestions(requests);
        this.sketchesAhead = new LineSketchesAhead(this::askLineSketch);
        this.known = known;
    }

    /** Asks the server for what it kept of cut uploads (only if it announced that it keeps them). */
    public RemoteFolderClient resumingUploads(boolean serverResumes) {
        this.serverResumes = serverResumes;
        return this;
    }

    /** Fetches big files against the server's signature of our version (only if it announced that it keeps them). */
    public RemoteFolderClient cachedBases(boolean serverKeepsThem) {
        this.cachedBases = serverKeepsThem;
        return this;
    }

    @Override
    public boolean servesCachedBases() {
        return cachedBases;
    }

    @Override
    public Pending<Boolean> fetchAgainstCached(String path, String expectedHash, long expectedSize, String basisHash,
                                               Path deltaOut) throws IOException {
        FirstByte flag = new FirstByte(local.progress().writing(Files.newOutputStream(deltaOut), path,
                Phase.RECEIVING, "Receiving " + path, expectedSize));
        Pending<Message> answer = requests.stream(new GetFile(path, checked(expectedHash), false, basisHash), null,
                flag);
        return () -> {
            answer.await();
            return flag.first() == 1;
        };
    }

    /** A stream whose first byte is a flag, kept apart; the rest goes on to the spool. */
    private static final class FirstByte extends java.io.FilterOutputStream {
        private int first = -1;

        FirstByte(OutputStream out) {
            super(out);
        }

        int first() {
            return first;
        }

        @Override
        public void write(int b) throws IOException {
            if (first < 0) {
                first = b & 0xff;
            } else {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0 && first < 0) {
                first = b[off] & 0xff;
                off++;
                len--;
            }
            if (len > 0) {
                out.write(b, off, len);
            }
        }
    }

    /**
     * Asks for a manifest that takes in what the server's watcher still holds (the first cycle of a run or of a
     * connection: a server write in its quiet period would be missed, and no push follows for a one-shot run).
     */
    public RemoteFolderClient settledManifest(boolean settled) {
        this.settled = settled;
        return this;
    }

    /** Takes the manifest steps and contents the server pushed (kept across cycles by the link). */
    public RemoteFolderClient withPushes(PushedChanges pushes) {
        this.pushed = pushes;
        return this;
    }

    @Override
    public boolean holdsPushed(FileEntry file) {
        return pushed.holds(file, this::copyForPushedEdit);
    }

    @Override
    public java.util.Optional<byte[]> takePushed(FileEntry file) {
        return file.isFile() ? pushed.take(file.hash(), this::copyForPushedEdit) : java.util.Optional.empty();
    }

    /** Our copy of a file, the base a pushed line edit applies to, when small enough to be one. */
    private java.util.Optional<byte[]> copyForPushedEdit(String path) throws IOException {
        return local.readIfAtMost(path, dev.deltasync.wire.PushedStep.MAX_FILE);
    }

    @Override
    public java.util.Optional<KeptUpload> keptUpload(String path) throws IOException {
        return serverResumes ? keptUploads.of(path) : java.util.Optional.empty();
    }

    @Override
    public Pending<DeltaStats> pushResumed(FileEntry target, String currentHash, Signature kept, InputStream content)
            throws IOException {
        DeltaStats[] stats = new DeltaStats[1];
        Pending<Message> answer = requests.stream(new PutFile(target, currentHash, "", true),
                out -> stats[0] = DeltaEncoder.encode(kept, content, out), null);
        return () -> {
            remember(answer.await(), List.of(target), List.of());
            return stats[0];
        };
    }

    @Override
    public Map<String, FileEntry> manifest(List<FileEntry> ours) throws IOException {
        String since = known.version();
        PushedChanges.Step step = since.isEmpty() ? null : pushed.takeFrom(since).orElse(null);
        if (step != null) {
            askAboutKeptUploads(ours); // against the version we held: a file the push changed is not ours to upload
            synchronized (ownChanges) {
                ownChanges.clear();
            }
            known.apply(step.version(), step.changed(), step.removed());
            LOG.debug("The server's manifest {} came with its push ({} changed, {} removed)", step.version(),
                    step.changed().size(), step.removed().size());
            return known.entries();
        }
        measureRoundTrip();
        boolean withKeys = since.isEmpty() && ManifestKeys.worthSending(ours.size(), connection.maxFrame());
        return manifest(ours, since, withKeys, ManifestKeys.keyBytesFor(ours.size()));
    }

    /** The files we are likely to upload are asked about before the plan, so that no upload waits for it. */
    private void askAboutKeptUploads(List<FileEntry> ours) throws IOException {
        if (serverResumes) {
            keptUploads.askAhead(ours, known.entries());
        }
    }

    @Override
    public java.util.Optional<java.util.Set<String>> manifestChanges() {
        return known.takeChangedPaths();
    }

    private Map<String, FileEntry> manifest(List<FileEntry> ours, String since, boolean withKeys, int keyBytes)
            throws IOException {
        synchronized (ownChanges) {
            ownChanges.clear(); // a new copy of the manifest: earlier changes are in it or come with the next one
        }
        if (withKeys && ManifestSketch.worthSketching(ours.size(), keyBytes)) {
            askAboutKeptUploads(ours);
            ManifestSketch.ByKey byKey = ManifestSketch.byKey(ours, keyBytes);
            ManifestChunk answer = byKey == null ? null : sketchManifest(byKey.keys(), keyBytes);
            if (answer != null) {
                return keyedTree(answer, byKey.entries(), since, keyBytes);
            }
        }
        Pending<Message> manifest = requests.stream(asked(new ManifestRequest(since, withKeys, keyBytes)),
                withKeys ? out -> ManifestKeys.write(ours, keyBytes, out) : null, null);
        askAboutKeptUploads(ours); // after the manifest request, in the same burst: its answer is not held up
        if (!since.isEmpty()) {
            sketchesAhead.askAhead(ours, known.entries()); // likewise: the line edits then wait on no sketch of their own
        }
        ManifestChunk answer = (ManifestChunk) manifest.await();
        if (answer.diff()) {
            if (since.isEmpty()) {
                throw new RemoteException(ErrorCodes.PROTOCOL, "the server sent a manifest difference nobody asked for");
            }
            known.apply(answer.version(), answer.entries(), answer.removed());
            return known.entries();
        }
        if (withKeys && answer.same() != null) {
            return keyedTree(answer, ours, since, keyBytes);
        }
        Map<String, FileEntry> tree = new LinkedHashMap<>();
        for (FileEntry entry : answer.entries()) {
            tree.put(entry.path(), entry);
        }
        remember(answer, tree);
        return tree;
    }

    private ManifestRequest asked(ManifestRequest request) {
        return settled ? request.settledFirst() : request;
    }

    /**
     * Sends a sketch of our keys, and more of it as long as the server asks. Returns its answer (its entries we
     * lack, and "same" bits over our keys in ascending order), or null when it asks for the plain keys instead.
     */
    private ManifestChunk sketchManifest(long[] sortedKeys, int keyBytes) throws IOException {
        KeySketch sketch = new KeySketch(sortedKeys);
        long limit = ManifestSketch.symbolLimit(sortedKeys.length, keyBytes);
        long wanted = ManifestSketch.FIRST_SYMBOLS;
        while (true) {
            int more = (int) (wanted - sketch.made());
            Message answer = requests.stream(asked(new ManifestRequest("", true, keyBytes,
                            new ManifestRequest.Sketch(sketch.made(), sortedKeys.length))),
                    out -> ManifestSketch.write(sketch.symbols(more), keyBytes, out), null).await();
            if (!(answer instanceof MoreSymbols asked)) {
                return (ManifestChunk) answer;
            }
            if (asked.wanted() == 0) {
                LOG.debug("The server asked for our plain keys after {} sketch symbols", sketch.made());
                return null;
            }
            if (asked.wanted() <= sketch.made() || asked.wanted() > limit) {
                throw new RemoteException(ErrorCodes.PROTOCOL, "the server asked for key sketch symbols up to "
                        + asked.wanted() + " after " + sketch.made() + " (at most " + limit + " make sense)");
            }
            wanted = asked.wanted();
        }
    }

    /** The server's tree from its answer to our keys (sent in the order of {@code ours}). */
    private Map<String, FileEntry> keyedTree(ManifestChunk answer, List<FileEntry> ours, String since, int keyBytes)
            throws IOException {
        Map<String, FileEntry> tree = ManifestKeys.tree(answer.entries(), answer.same(), ours);
        if (keyBytes < EntryKey.MAX_BYTES && !answer.treeDigest().equals(TreeDigest.of(tree.values()))) {
            LOG.info("Two of the {}-byte first-contact keys collided (the server's tree did not check out); "
                    + "asking for its whole manifest", keyBytes);
            return manifest(ours, since, false, EntryKey.MAX_BYTES);
        }
        remember(answer, tree);
        return tree;
    }

    private void remember(ManifestChunk answer, Map<String, FileEntry> tree) {
        if (!answer.version().isEmpty()) {
            known.replace(answer.version(), tree.values());
        }
    }

    @Override
    public Pending<Void> fetchDelta(String path, String expectedHash, long expectedSize, Signature basis,
                                    Path deltaOut) throws IOException {
        OutputStream spool = local.progress().writing(Files.newOutputStream(deltaOut), path, Phase.RECEIVING,
                "Receiving " + path, expectedSize);
        boolean withSignature = basis.blockCount() > 0;
        return done(requests.stream(new GetFile(path, checked(expectedHash), withSignature),
                withSignature ? out -> SignatureFormat.write(basis, out) : null, spool));
    }

    @Override
    public Signature signature(String path, String expectedHash) throws IOException {
        Path spool = local.newTempFile();
        try {
            requests.stream(new GetSignature(path, checked(expectedHash)), null, Files.newOutputStream(spool)).await();
            try (InputStream in = Files.newInputStream(spool)) {
                return SignatureFormat.read(in);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public Pending<DeltaStats> push(FileEntry target, String basisHash, Signature basis, InputStream content)
            throws IOException {
        DeltaStats[] stats = new DeltaStats[1];
        Pending<Message> answer = requests.stream(new PutFile(target, basisHash),
                out -> stats[0] = DeltaEncoder.encode(basis, content, out), null);
        return () -> {
            remember(answer.await(), List.of(target), List.of());
            return stats[0];
        };
    }

    @Override
    public List<Signature> rangeSignatures(String path, String expectedHash, int blockLength, long seed,
                                           List<BasisRange> ranges, SumWidth wanted) throws IOException {
        expectedHash = checked(expectedHash);
        SumWidth width = wanted;
        if (SharedRounds.suits(blockLength, ranges)) {
            return sharedRounds.signatures(path, expectedHash, blockLength, ranges, width);
        }
        Path spool = local.newTempFile();
        try {
            requests.stream(new GetRangeSignatures(path, expectedHash, blockLength, seed, ranges, width), null,
                    Files.newOutputStream(spool)).await();
            if (width != null && Files.size(spool) != RangeSignatures.replyBytes(blockLength, ranges, width)) {
                // bare sums have no header or CRC: their size must be exactly what the request asked for
                throw new dev.deltasync.wire.ProtocolException("the server's range signatures for " + path + " are "
                        + Files.size(spool) + " bytes, not the " + RangeSignatures.replyBytes(blockLength, ranges, width)
                        + " asked for");
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(spool))) {
                return width == null
                        ? RangeSignatures.read(in, blockLength, seed, ranges, RangeSignatures.Form.CHECKED)
                        : RangeSignatures.read(in, blockLength, seed, ranges, width);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public Pending<Void> fetchRanges(String path, String expectedHash, List<BasisRange> ranges, Path out)
            throws IOException {
        long total = ranges.stream().mapToLong(BasisRange::length).sum();
        return done(requests.stream(new GetRanges(path, checked(expectedHash), ranges), null,
                local.progress().writing(Files.newOutputStream(out), path, Phase.RECEIVING, "Receiving " + path
                        + " (the parts we lack)", total)));
    }

    /** A request answered by a stream, awaited for the stream alone. */
    private static Pending<Void> done(Pending<Message> answer) {
        return () -> {
            answer.await();
            return null;
        };
    }

    /**
     * Heartbeats that leave with the manifest request and are never awaited: the server answers them at once, so
     * the shortest of their answers is the link's round trip (the handshake's first answers also pay for a
     * JVM that is only warming up).
     */
    private void measureRoundTrip() {
        for (int i = 0; i < ROUND_TRIP_PINGS; i++) {
            requests.open(new dev.deltasync.wire.Heartbeat(System.currentTimeMillis()), null);
        }
    }

    /** The round trip measured on this connection (its shortest answer so far), at an assumed throughput. */
    @Override
    public RefinePolicy refinePolicy() {
        RefinePolicy policy = RefinePolicy.DEFAULT.onLink(connection.roundTripNanos(), localRoundTripNanos);
        LOG.debug("Round trip to the server: {} µs at most (beyond the first {} µs worth {} B)",
                connection.roundTripNanos() / 1000, localRoundTripNanos / 1000, policy.roundTripBytes());
        return policy;
    }

    /** A round trip up to {@code nanos} is the peers' own work, not the link's (deltasync.local-round-trip-ms). */
    public RemoteFolderClient localRoundTrip(long nanos) {
        this.localRoundTripNanos = nanos;
        return this;
    }

    @Override
    public Pending<DeltaStats> pushRefined(FileEntry target, FileEntry before, Signature known,
                                           RefiningEncoder.FirstPass firstPass, Path file, InputStream sequential,
                                           Progress comparing) throws IOException {
        Requests.Outgoing[] request = new Requests.Outgoing[1];
        // the hashes that are only checked travel as 8-byte prefixes, the delta in compact form
        DeltaStats stats = RefiningEncoder.encode(file, sequential, before.size(), before.hash(), known, firstPass,
                ComparisonProgress.staged(rounds(before.path(), before.hash()), comparing),
                refinePolicy(), true, () -> {
                    String basisPath = before.path().equals(target.path()) ? "" : before.path();
                    request[0] = requests.open(new PutFile(target.withHashPrefix(),
                            FileEntry.hashPrefix(before.hash()), basisPath), null);
                    return local.progress().writing(request[0].body(), target.path(), Phase.SENDING, "Sending "
                            + target.path() + " (the parts the server lacks)", target.size());
                }).stats();
        Pending<Message> answer = request[0].answer();
        return () -> {
            remember(answer.await(), List.of(target), List.of());
            return stats;
        };
    }

    @Override
    public Pending<List<PutBatchResult.Failed>> pushNewFiles(List<FileEntry> targets) throws IOException {
        return installed(requests.stream(new PutBatch(PutBatch.withHashPrefixes(targets)), out -> {
            for (FileEntry target : targets) {
                BatchStream.writeExactly(local, target.path(), target.size(), out);
            }
        }, null), targets);
    }

    /** The files the server did not install of {@code targets}; those it did are remembered as our own changes. */
    private Pending<List<PutBatchResult.Failed>> installed(Pending<Message> answer, List<FileEntry> targets) {
        return () -> {
            PutBatchResult result = (PutBatchResult) answer.await();
            if (result.namesVersions()) {
                Set<String> failed = result.failed().stream().map(PutBatchResult.Failed::path)
                        .collect(Collectors.toSet());
                remember(new OwnChange(result.basedOn(), result.version(),
                        targets.stream().filter(t -> !failed.contains(t.path())).toList(), List.of()));
            }
            return result.failed();
        };
    }

    @Override
    public java.util.Optional<LineSketchesAhead.Asked> lineSketchAskedAhead(List<String> paths) {
        return sketchesAhead.take(paths);
    }

    @Override
    public LineSketchAnswer lineSketch(int sketch, List<String> paths, long from, int count) throws IOException {
        return askLineSketch(sketch, paths, from, count).await();
    }

    @Override
    public Pending<LineSketchAnswer> askLineSketch(int sketch, List<String> paths, long from, int count)
            throws IOException {
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        Pending<Message> asked = requests.stream(new GetLineSketch(sketch, paths, from, count), null, answer);
        return () -> {
            asked.await();
            return LineSketchAnswer.read(answer.toByteArray(), from, count);
        };
    }

    @Override
    public Pending<List<PutBatchResult.Failed>> pushLines(List<FileEntry> targets, List<FileEntry> bases,
                                                          Set<Long> removed, List<LineEdit> edits) throws IOException {
        List<PutLines.File> files = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            FileEntry target = targets.get(i).withHashPrefix();
            files.add(new PutLines.File(edits.get(i).file(), target, checked(bases.get(i).hash())));
        }
        return installed(requests.stream(new PutLines(files), body -> {
            OutputStream out = new java.io.BufferedOutputStream(body, 1 << 16);
            LineEditFormat.writeKeys(removed, out);
            for (LineEdit edit : edits) {
                LineEditFormat.write(edit, out);
            }
            out.flush();
        }, null), targets);
    }

    @Override
    public Pending<byte[]> fetchLineEdits(List<GetLineEdits.File> files, Set<Long> wanted, Set<Long> gone)
            throws IOException {
        List<GetLineEdits.File> named = files.stream()
                .map(file -> new GetLineEdits.File(file.index(), file.path(), checked(file.expectedHash()))).toList();
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        Pending<Message> reply = requests.stream(new GetLineEdits(named), body -> {
            OutputStream out = new java.io.BufferedOutputStream(body, 1 << 16);
            LineEditFormat.writeKeys(wanted, out);
            LineEditFormat.writeKeys(gone, out);
            out.flush();
        }, answer);
        return () -> {
            reply.await();
            return answer.toByteArray();
        };
    }

    @Override
    public Pending<Void> fetchNewFiles(List<FileEntry> sources, Path out) throws IOException {
        if (sources.stream().allMatch(pushed::holds)) {
            try (OutputStream contents = Files.newOutputStream(out)) {
                for (FileEntry source : sources) {
                    byte[] bytes = pushed.take(source.hash()).orElse(null);
                    if (bytes == null) {
                        throw new IOException("the pushed content of " + source.path() + " is gone");
                    }
                    contents.write(bytes);
                }
            }
            LOG.debug("{} new files came with the server's push", sources.size());
            return () -> null;
        }
        return done(requests.stream(new GetBatch(sources.stream().map(s -> new GetBatch.Wanted(s.path(), s.size()))
                .toList()), null, Files.newOutputStream(out)));
    }

    @Override
    public Pending<Void> delete(String path, String expectedHash, boolean toTrash) throws IOException {
        Pending<Message> answer = requests.stream(new Delete(path, checked(expectedHash), toTrash), null, null);
        return () -> {
            remember(answer.await(), List.of(), List.of(path));
            return null;
        };
    }

    @Override
    public Pending<Void> rename(String from, String to, String expectedHash) throws IOException {
        Pending<Message> answer = requests.stream(new Rename(from, to, checked(expectedHash)), null, null);
        return () -> {
            if (answer.await() instanceof Ack ack && ack.namesVersions()) {
                remember(new OwnChange(ack.basedOn(), ack.version(), List.of(), List.of(), Map.of(from, to)));
            }
            return null;
        };
    }

    @Override
    public Pending<Void> mkdir(String path, int mode) throws IOException {
        return done(requests.stream(new Mkdir(path, mode), null, null));
    }

    @Override
    public void settleKnownManifest() {
        List<OwnChange> mine;
        synchronized (ownChanges) {
            mine = new ArrayList<>(ownChanges);
            ownChanges.clear();
        }
        ManifestVersion version = ManifestVersion.parse(known.version()).orElse(null);
        if (mine.isEmpty() || version == null) {
            return;
        }
        long at = version.number();
        mine.sort(Comparator.comparingLong(OwnChange::basedOn));
        if (mine.get(0).basedOn() != at) {
            return; // another change came first: the next difference brings them all
        }
        // what this loop applied so far over the manifest held (null = removed), instead of a copy of all of it
        Map<String, FileEntry> applied = new HashMap<>();
        Map<String, FileEntry> held = known.entries();
        java.util.function.Function<String, FileEntry> tree = path -> applied.containsKey(path) ? applied.get(path)
                : held.get(path);
        for (OwnChange change : mine) {
            if (change.basedOn() != at) {
                break; // another change came in between: the next difference brings the rest
            }
            List<FileEntry> changed = new ArrayList<>(change.changed());
            List<String> removed = new ArrayList<>(change.removed());
            for (Map.Entry<String, String> move : change.moved().entrySet()) {
                FileEntry was = tree.apply(move.getKey());
                if (was == null) {
                    return; // our copy does not know what moved: the next difference brings it
                }
                changed.add(was.withPath(move.getValue()));
                removed.add(move.getKey());
            }
            changed = ManifestHistory.withNewParents(changed, path -> tree.apply(path) != null);
            known.apply(version.withNumber(change.version()).toString(), changed, removed);
            removed.forEach(path -> applied.put(path, null));
            changed.forEach(entry -> applied.put(entry.path(), entry));
            at = change.version();
        }
    }

    private void remember(Message reply, List<FileEntry> changed, List<String> removed) {
        if (reply instanceof Ack ack && ack.namesVersions()) {
            remember(new OwnChange(ack.basedOn(), ack.version(), changed, removed));
        }
    }

    private void remember(OwnChange change) {
        synchronized (ownChanges) {
            ownChanges.add(change);
        }
    }

    /** A hash the server only checks: its 8-byte prefix ({@code HASH_PREFIXES}). */
    private static String checked(String hash) {
        return FileEntry.hashPrefix(hash);
    }
}
