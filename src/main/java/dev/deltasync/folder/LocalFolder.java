package dev.deltasync.folder;

import dev.deltasync.rpc.Failure;
import dev.deltasync.rpc.Futures;
import dev.deltasync.rpc.Pending;
import dev.deltasync.rpc.Phase;
import dev.deltasync.rpc.Progress;
import dev.deltasync.rpc.ProgressBoard;
import dev.deltasync.rpc.RemoteException;

import dev.deltasync.lines.LineEdit;
import dev.deltasync.lines.LinePatch;
import dev.deltasync.lines.LinePatchException;
import dev.deltasync.wire.PutLines;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.nio.file.NoSuchFileException;

import dev.deltasync.rsync.BasisRange;
import dev.deltasync.rsync.DeltaEncoder;
import dev.deltasync.rsync.DeltaStats;
import dev.deltasync.rsync.PatchResult;
import dev.deltasync.rsync.RangeSignatures;
import dev.deltasync.rsync.RefinePolicy;
import dev.deltasync.rsync.Patcher;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SignatureTap;
import dev.deltasync.rsync.SumWidth;
import dev.deltasync.rsync.SignatureBuilder;
import dev.deltasync.sync.AppliedChanges;
import dev.deltasync.sync.ChangedSinceScanException;
import dev.deltasync.sync.ConflictNamer;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.FolderApplier;
import dev.deltasync.sync.FolderScanner;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.MetadataDir;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.ScanResult;
import dev.deltasync.sync.Trash;
import dev.deltasync.sync.WatchedScan;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.PathGuard;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.PutBatchResult;

/**
 * One side's shared folder and everything a sync does to it: scan, read as signature or delta,
 * install a delta atomically, delete, rename. Both the server (for its clients' requests) and the
 * client (for its own side of a plan) go through this class, so the two sides apply changes the same way.
 */
public final class LocalFolder {

    /** Bytes of a batch held in memory at once while installing it. */
    private static final long INSTALL_CHUNK = 8L << 20;
    /** A whole SHA-256 in hex; a batch or compact delta may name a file by a shorter prefix of it. */
    private static final int WHOLE_HASH_HEX = 64;

    private final Path root;
    private final IgnoreRules ignore;
    private final FolderScanner scanner;
    private final WatchedScan watchedScan;
    private final ScanCache scanCache;
    private final FolderApplier applier;
    private final Trash trash;
    private final AppliedChanges applied;
    private final SignatureCache signatures;
    private final PartialStore partials;
    private volatile FolderChange.Listener changes = change -> { };
    /** Installs a batch's small files side by side ({@link SyncThreads#installs}). */
    private final SyncThreads threads;
    private final ProgressBoard progress = new ProgressBoard();
    private final PreparedUploads prepared;

    public LocalFolder(Path root, IgnoreRules ignore, ScanCache cache, Trash trash, SyncThreads threads)
            throws IOException {
        this.root = root;
        this.threads = threads;
        this.applied = new AppliedChanges(root, Clock.systemUTC());
        this.signatures = new SignatureCache(root, threads);
        this.prepared = new PreparedUploads(this, signatures);
        this.partials = new PartialStore(root, Clock.systemUTC());
        this.ignore = ignore;
        this.scanner = new FolderScanner(root, ignore, cache);
        this.scanCache = cache;
        this.watchedScan = new WatchedScan(scanner, root);
        this.applier = new FolderApplier(root, trash, Clock.systemUTC());
        this.trash = trash;
    }

    /** Shows {@code reader} the content of every file of at most {@code maxBytes} that a scan reads to hash. */
    public void showScannedSmallFilesTo(int maxBytes, dev.deltasync.sync.FolderScanner.SmallFileReader reader) {
        scanner.showSmallFilesTo(maxBytes, reader);
    }

    /** Tells {@code listener} every file this folder's syncs create, update, rename, set aside or delete. */
    public void onChange(FolderChange.Listener listener) {
        this.changes = listener;
    }

    private void report(FolderChange.Type type, FileEntry entry, String previous) {
        if (entry != null) {
            // what was kept of an interrupted transfer of this file is of no more use
            partials.forgetEverywhere(entry.path());
        }
        if (entry != null && entry.isFile()) {
            changes.applied(new FolderChange(type, entry, previous));
        }
    }

    /** What was kept of transfers into this folder that were cut off, to resume them ({@link PartialStore}). */
    public PartialStore partials() {
        return partials;
    }

    /** The transfers under way in this folder, both ways, for progress lines and the status record. */
    public ProgressBoard progress() {
        return progress;
    }

    /** The client's cache of agreed versions' signatures (see {@link SignatureCache}). */
    public SignatureCache signatureCache() {
        return signatures;
    }

    /**
     * Keeps the signature of every version of a big file (≥ {@link SignatureCache#MIN_SIZE}) this folder hashes in
     * a scan, sends whole or installs, at most {@code maxBytes} of them (a server: a client's download is then one
     * round against the signature of the version it holds). They are built from those reads and writes themselves.
     */
    public void keepSignaturesOfEveryVersion(long maxBytes) {
        signatures.boundTo(maxBytes);
        scanner.tapBigFilesFor(new FolderScanner.BigFileTaps() {
            @Override
            public SignatureTap tap(long size) {
                return signatures.tapFor(size);
            }

            @Override
            public void tapped(String path, String hash, SignatureTap tap) {
                if (hash == null) {
                    signatures.drop(tap);
                } else {
                    signatures.rememberTapped(path, hash, tap);
                }
            }
        });
    }

    /** Uploads read ahead of the cycle that sends them (a client's start). */
    public PreparedUploads preparedUploads() {
        return prepared;
    }

    /** Waits (at most {@code max}) for cached signatures still being written ({@link SignatureCache}). */
    public void finishBackgroundWrites(java.time.Duration max) {
        signatures.finishPendingWrites(max);
    }

    /** What this process wrote here itself (to tell the watcher's echoes from real changes). */
    public AppliedChanges applied() {
        return applied;
    }

    public IgnoreRules ignoreRules() {
        return ignore;
    }

    public Path root() {
        return root;
    }

    /** The folder now: the whole of it, or only what changed since the last scan while a watcher reports changes. */
    public synchronized ScanResult scan() throws IOException {
        return watchedScan.scan();
    }

    /** {@link #scan()} with the scan's number, to ask {@link WatchedScan#changedBetween} what changed since. */
    public synchronized WatchedScan.Numbered numberedScan() throws IOException {
        return watchedScan.numberedScan();
    }

    /** Where the watcher's reports go, so that scans look at what changed only ({@link WatchedScan}). */
    public WatchedScan watchedScan() {
        return watchedScan;
    }

    /** Entries looked at and files hashed by this folder's scans so far (what they cost). */
    public FolderScanner scanner() {
        return scanner;
    }

    /** What is at {@code path} now (null when absent or ignored). */
    public synchronized FileEntry current(String path) throws IOException {
        return scanner.scan(PathGuard.normalize(path)).entries().get(path);
    }

    /** The local path of {@code path}, checked on the disk (see {@link dev.deltasync.sync.FolderPaths#resolve}). */
    public Path resolve(String path) throws IOException {
        return PathGuard.resolve(applier.paths(), path);
    }

    /**
     * Opens the regular file at {@code path} for reading through its parent directories, none of which may be a
     * link, and never through a link at {@code path} itself (see {@link dev.deltasync.sync.ConfinedFiles}).
     */
    public FileChannel openForReading(String path) throws IOException {
        PathGuard.resolve(applier.paths(), path);
        return applier.files().openForReading(PathGuard.normalize(path));
    }

    private byte[] readAll(String path) throws IOException {
        try (InputStream in = Channels.newInputStream(openForReading(path))) {
            return in.readAllBytes();
        }
    }

    /** Our copy of {@code path}, which must still be {@code expected}, as a signature. */
    public Signature signature(String path, String expectedHash) throws IOException {
        FileEntry now = requireFile(path, expectedHash);
        try (InputStream in = Channels.newInputStream(openForReading(path))) {
            return SignatureBuilder.build(in, now.size());
        }
    }

    /** Opens the stream an answer goes to, once the request has been found valid. */
    @FunctionalInterface
    public interface AnswerStream {
        OutputStream open() throws IOException;
    }

    /**
     * Signatures of ranges of our copy of {@code path} (which must still be {@code expected}), for a
     * refinement round. A request for ranges beyond the file is refused before anything is written.
     */
    public void writeRangeSignatures(String path, String expectedHash, int blockLength, long seed,
                                     List<BasisRange> ranges, RangeSignatures.Form form, AnswerStream answer)
            throws IOException {
        writeRangeSignatures(path, expectedHash, blockLength, seed, ranges, null, form, answer);
    }

    /** As above, with the sums cut to {@code width} (null: whole sums). */
    public void writeRangeSignatures(String path, String expectedHash, int blockLength, long seed,
                                     List<BasisRange> ranges, SumWidth width, RangeSignatures.Form form,
                                     AnswerStream answer) throws IOException {
        FileEntry now = requireFile(path, expectedHash);
        requireWithin(path, now, ranges);
        try (FileChannel channel = openForReading(path);
             OutputStream out = answer.open()) {
            RangeSignatures.write(channel, now.size(), blockLength, seed, ranges, width, form, out);
        }
    }

    /** Byte ranges of our copy of {@code path} (which must still be {@code expected}), back to back. */
    public void writeRanges(String path, String expectedHash, List<BasisRange> ranges, AnswerStream answer)
            throws IOException {
        FileEntry now = requireFile(path, expectedHash);
        requireWithin(path, now, ranges);
        try (FileChannel channel = openForReading(path);
             OutputStream out = answer.open()) {
            WritableByteChannel target = Channels.newChannel(out);
            for (BasisRange range : ranges) {
                long done = 0;
                while (done < range.length()) {
                    long n = channel.transferTo(range.offset() + done, range.length() - done, target);
                    if (n <= 0) {
                        throw new ChangedSinceScanException(path + " ended early while being read; it changed since it was scanned");
                    }
                    done += n;
                }
            }
        }
    }

    /**
     * Every range must lie in the file, and together they may cover it at most {@link RefinePolicy#MAX_COVERAGE}
     * times: a request cannot make the server read a file over and over.
     */
    private static void requireWithin(String path, FileEntry now, List<BasisRange> ranges) throws RemoteException {
        long total = 0;
        for (BasisRange range : ranges) {
            if (range.end() > now.size()) {
                throw new RemoteException(ErrorCodes.PROTOCOL, path + ": range " + range.offset() + "+"
                        + range.length() + " reaches beyond its " + now.size() + " bytes");
            }
            total += range.length();
        }
        if (total > RefinePolicy.MAX_COVERAGE * now.size()) {
            throw new RemoteException(ErrorCodes.PROTOCOL, path + ": the ranges asked for cover its " + now.size()
                    + " bytes more than " + RefinePolicy.MAX_COVERAGE + " times");
        }
    }

    /**
     * Writes our copy of {@code path} as a delta against {@code basis}. The caller checks the returned
     * hash: a file that changed while it was read does not match the hash it was scanned with.
     */
    public DeltaStats writeDelta(String path, String expectedHash, Signature basis, OutputStream out) throws IOException {
        FileEntry now = requireFile(path, expectedHash);
        SignatureTap tap = signatures.tapFor(now.size());
        DeltaStats stats = null;
        try (InputStream in = Channels.newInputStream(openForReading(path))) {
            stats = DeltaEncoder.encode(basis, tap == null ? in : tap.through(in), out);
            return stats;
        } finally {
            if (stats == null) {
                signatures.drop(tap);
            } else {
                signatures.rememberTapped(path, stats.newSha256Hex(), tap);
            }
        }
    }

    /**
     * Turns {@code delta} (against our current copy {@code expectedCurrent}, or nothing) into {@code target}
     * and installs it atomically, re-checking that the file is still the one the plan was made from.
     */
    public PatchResult installDelta(FileEntry target, FileEntry expectedCurrent, Path delta, boolean trashOld)
            throws IOException {
        Path basis = expectedCurrent != null && expectedCurrent.isFile() ? resolve(target.path()) : null;
        return installDelta(target, expectedCurrent, basis, delta, trashOld);
    }

    /** Like the above with the delta made against {@code basis}, another file of this folder (or null). */
    public PatchResult installDelta(FileEntry target, FileEntry expectedCurrent, Path basis, Path delta,
                                    boolean trashOld) throws IOException {
        Path temp = applier.newTempFile();
        Progress installing = progress.start(target.path(), Phase.INSTALLING, "Verifying and installing "
                + target.path(), target.size(), "");
        SignatureTap tap = signatures.tapFor(target.size());
        boolean installed = false;
        try {
            PatchResult result;
            try (FileChannel basisChannel = openBasis(basis);
                 InputStream in = Files.newInputStream(delta);
                 OutputStream out = ProgressBoard.counting(tapped(Files.newOutputStream(temp), tap), installing)) {
                result = Patcher.patch(basisChannel, basis == null ? "(empty)" : basis.toString(), null, in, out);
            }
            // a compact delta's target names its hash by a prefix: the patcher computed the whole one
            FileEntry whole = target.withWholeHash(result.sha256Hex());
            installing.stage("all written and verified, flushing it to disk and moving it into place");
            applier.installHashed(temp, whole, expectedCurrent, trashOld, result.sha256Hex());
            rememberHash(whole);
            applied.wrote(whole);
            recordParents(target.path());
            report(expectedCurrent != null && expectedCurrent.isFile() ? FolderChange.Type.UPDATED
                    : FolderChange.Type.ARRIVED, whole, "");
            signatures.rememberTapped(target.path(), whole.hash(), tap);
            installed = true;
            return result;
        } finally {
            if (!installed) {
                signatures.drop(tap);
            }
            watchedScan.changed(target.path()); // after the write: a scan meanwhile may have seen the old file
            installing.finish();
            Files.deleteIfExists(temp);
        }
    }

    private static OutputStream tapped(OutputStream out, SignatureTap tap) {
        return tap == null ? out : tap.into(out);
    }

    /**
     * A delta's basis: a file of the shared folder is opened as {@link #openForReading} does, so that a link swapped
     * in for it since it was checked is refused rather than followed; deltasync's own files (a kept partial) are
     * opened without following a link either.
     */
    private FileChannel openBasis(Path basis) throws IOException {
        if (basis == null) {
            return null;
        }
        Path folderRoot = applier.paths().root();
        Path relative = basis.startsWith(folderRoot) ? folderRoot.relativize(basis) : null;
        if (relative == null || relative.toString().isEmpty() || MetadataDir.isName(relative.getName(0).toString())) {
            return FileChannel.open(basis, java.util.Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        }
        return openForReading(relative.toString().replace(relative.getFileSystem().getSeparator(), "/"));
    }

    /** The content of the regular file at {@code path} if it has at most {@code maxBytes}, else empty. */
    public java.util.Optional<byte[]> readIfAtMost(String path, int maxBytes) throws IOException {
        try (InputStream in = Channels.newInputStream(openForReading(path))) {
            byte[] content = in.readNBytes(maxBytes + 1);
            return content.length > maxBytes ? java.util.Optional.empty() : java.util.Optional.of(content);
        }
    }

    /** The whole content of the regular file at {@code path}, read as {@link #openForReading} does. */
    public byte[] readAllBytes(String path) throws IOException {
        return readAll(path);
    }

    /** Our copy of {@code path} if it is still the version {@code expectedHash} names and small enough to edit by lines. */
    public byte[] lineEditable(String path, String expectedHash) {
        try {
            FileEntry now = requireFile(path, expectedHash);
            byte[] content = now.size() > PutLines.MAX_FILE ? null : readAll(path);
            return content != null && content.length == now.size() ? content : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * One file's line edit for {@link #installLineEdits}: applied to our copy of {@code target.path()}, which must
     * still be the version named by {@code basisHash}, its result is installed if it is exactly {@code target} (size
     * and hash, whose first bytes may stand for it).
     */
    public record LineEditInstall(FileEntry target, String basisHash, LineEdit edit, boolean trashOld) {
    }

    /**
     * What became of one line edit of {@link #installLineEdits}: the entry installed (with its whole hash), or why
     * not ({@link LinePatchException}: the edit does not give the target; an {@link IOException} otherwise).
     */
    public record LineEditOutcome(FileEntry installed, Exception failure) {
    }

    /**
     * Installs the line edits of many files side by side on the install threads so that their fsyncs overlap (the
     * file system commits them together); each directory's entries are made durable once, before this returns. One
     * file failing does not stop the others. Outcomes come in the order of {@code edits}.
     */
    public List<LineEditOutcome> installLineEdits(List<LineEditInstall> edits, Set<Long> removed) throws IOException {
        List<FutureTask<Placed>> installs = new ArrayList<>();
        for (LineEditInstall edit : edits) {
            installs.add(new FutureTask<>(() -> {
                try {
                    return new Placed(placeLineEdit(edit, removed), null);
                } catch (IOException | LinePatchException e) {
                    return new Placed(null, e);
                }
            }));
        }
        boolean distinct = edits.stream().map(e -> e.target().path()).distinct().count() == edits.size();
        if (installs.size() == 1 || !distinct) {
            installs.forEach(FutureTask::run); // nothing to overlap, or one path twice: in their order
        } else {
            installs.forEach(threads.installs()::execute);
        }
        List<Placed> outcomes = new ArrayList<>();
        Set<Path> directories = new LinkedHashSet<>();
        try {
            for (FutureTask<Placed> install : installs) {
                outcomes.add(Futures.await(install, "line edits to be installed"));
            }
        } finally {
            edits.forEach(edit -> watchedScan.changed(edit.target().path())); // also those a failure left unawaited
        }
        for (int i = 0; i < edits.size(); i++) {
            FolderApplier.Installed done = outcomes.get(i).done();
            if (done != null) {
                directories.add(done.directory());
                placed(done.entry());
            }
        }
        applier.syncDirectories(directories);
        return outcomes.stream().map(o -> new LineEditOutcome(o.done() == null ? null : o.done().entry(), o.failure()))
                .toList();
    }

    /** One line edit in place (its directory entry not yet durable), or why not. */
    private record Placed(FolderApplier.Installed done, Exception failure) {
    }

    /** Makes and places one file's line edit; the fsync of its directory entry is left to the caller. */
    private FolderApplier.Installed placeLineEdit(LineEditInstall edit, Set<Long> removed)
            throws IOException, LinePatchException {
        FileEntry target = edit.target();
        FileEntry current = requireFile(target.path(), edit.basisHash());
        if (current.size() > PutLines.MAX_FILE) {
            throw new LinePatchException(target.path() + " is too big to be edited by lines");
        }
        byte[] old = readAll(target.path());
        if (old.length != current.size()) {
            throw new ChangedSinceScanException(target.path() + " changed since it was scanned");
        }
        byte[] result = LinePatch.apply(old, removed, edit.edit());
        String hash = dev.deltasync.rsync.Sha256.hex(result);
        if (result.length != target.size() || !FileEntry.hashNames(hash, target.hash())) {
            throw new LinePatchException("the edited lines do not give the client's version of " + target.path()
                    + " (lines moved, or our copy changed)");
        }
        FileEntry whole = target.withWholeHash(hash);
        // the bytes written are the ones just hashed: they are not read back
        return new FolderApplier.Installed(whole,
                applier.installVerifiedLeavingDirectoryUnsynced(result, whole, current, edit.trashOld()));
    }

    /** What the folder keeps track of once a line edit is in place. */
    private void placed(FileEntry whole) {
        rememberHash(whole);
        applied.wrote(whole);
        recordParents(whole.path());
        report(FolderChange.Type.UPDATED, whole, "");
    }

    /**
     * Starts installing {@code content}, already verified to be {@code target} (a server push whose size and SHA-256
     * were checked on arrival), in place of our copy {@code expectedCurrent} (null: none), re-checked as for a delta
     * right before the move. It runs on the install threads, so that the pushed files of one cycle are installed side
     * by side and their fsyncs overlap (the file system commits them together); awaiting the answer concludes it.
     */
    public Pending<Void> startInstallVerified(FileEntry target, FileEntry expectedCurrent, byte[] content,
                                              boolean trashOld) {
        // told before it happens, so the watcher can drop the echo as soon as the file is in place
        applied.wrote(target);
        recordParents(target.path());
        Future<Void> install = threads.installs().submit(() -> {
            applier.installVerified(content, target, expectedCurrent, trashOld);
            return null;
        });
        return () -> {
            try {
                Futures.await(install, "a pushed file to be installed");
            } finally {
                watchedScan.changed(target.path()); // after the write: a scan meanwhile may have seen the old file
            }
            rememberHash(target);
            report(expectedCurrent != null && expectedCurrent.isFile() ? FolderChange.Type.UPDATED
                    : FolderChange.Type.ARRIVED, target, "");
            return null;
        };
    }

    /** What a batch left: the entries installed (with their whole hashes) and the files not installed, with why. */
    public record BatchInstall(List<FileEntry> installed, List<PutBatchResult.Failed> failed) {
    }

    /**
     * Installs new files that arrived back to back in {@code contents}, each exactly its entry's size and
     * verified against its entry's hash (or the prefix of it a batch carries); none may exist yet. One file failing
     * does not stop the others. Each directory's entries are made durable once, after all its files are in place.
     */
    public BatchInstall installNewFiles(List<FileEntry> targets, Path contents) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(contents), 1 << 16)) {
            return installNewFiles(targets, target -> in.readNBytes((int) Math.min(target.size(), PutBatch.MAX_FILE)));
        }
    }

    /** {@link #installNewFiles(List, Path)} of contents already in memory, one for each target in its order. */
    public BatchInstall installNewFiles(List<FileEntry> targets, List<byte[]> contents) throws IOException {
        java.util.Iterator<byte[]> next = contents.iterator();
        return installNewFiles(targets, target -> next.next());
    }

    /** The content of the next file of a batch. */
    @FunctionalInterface
    private interface BatchContents {
        byte[] next(FileEntry target) throws IOException;
    }

    private BatchInstall installNewFiles(List<FileEntry> targets, BatchContents contents) throws IOException {
        try {
            return installEach(targets, contents);
        } finally {
            targets.forEach(target -> watchedScan.changed(target.path())); // also those a failure left unawaited
        }
    }

    private BatchInstall installEach(List<FileEntry> targets, BatchContents contents) throws IOException {
        List<FileEntry> installed = new ArrayList<>();
        List<PutBatchResult.Failed> failed = new ArrayList<>();
        Set<Path> directories = new LinkedHashSet<>();
        for (int from = 0; from < targets.size(); ) {
            // a few MiB at a time in memory, installed side by side so that their fsyncs overlap
            List<FutureTask<FolderApplier.Installed>> installs = new ArrayList<>();
            int to = from;
            for (long held = 0; to < targets.size() && held < INSTALL_CHUNK; to++) {
                FileEntry target = targets.get(to);
                byte[] content = contents.next(target);
                held += content.length;
                // told before it happens, so the watcher can drop the echo as soon as the file is in place
                applied.wrote(target);
                recordParents(target.path());
                installs.add(new FutureTask<>(() -> applier.installNewLeavingDirectoryUnsynced(content, target)));
            }
            if (installs.size() == 1) {
                // nothing to overlap: no hand-off to the pool (a push's new file, to each of a thousand clients)
                installs.get(0).run();
            } else {
                installs.forEach(threads.installs()::execute);
            }
            for (int i = from; i < to; i++) {
                FileEntry target = targets.get(i);
                try {
                    FolderApplier.Installed done;
                    try {
                        done = Futures.await(installs.get(i - from), "a batch to be installed");
                    } finally {
                        watchedScan.changed(target.path());
                    }
                    rememberHash(done.entry());
                    installed.add(done.entry());
                    report(FolderChange.Type.ARRIVED, done.entry(), "");
                    directories.add(done.directory());
                } catch (IOException e) {
                    Failure why = Failure.of(e);
                    failed.add(new PutBatchResult.Failed(target.path(), why.code(), why.text()));
                } catch (dev.deltasync.wire.BadPathException e) {
                    failed.add(new PutBatchResult.Failed(target.path(), ErrorCodes.BAD_PATH, e.getMessage()));
                }
            }
            from = to;
        }
        applier.syncDirectories(directories);
        return new BatchInstall(installed, failed);
    }

    /** The directories the applier may have created on the way to {@code path}. */
    private void recordParents(String path) {
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            applied.wrote(FileEntry.dir(path.substring(0, slash), 0));
        }
    }

    public void delete(FileEntry expected, boolean toTrash) throws IOException {
        startDelete(expected, toTrash, Runnable::run).await();
    }

    /**
     * Removes {@code expected} (re-checked right before) now, and makes the removal durable on the install threads:
     * the removals of one plan do not take turns for their directory's fsync (the file system commits concurrent
     * fsyncs together), and what follows them in the plan starts at once. Awaiting the answer concludes it.
     */
    public Pending<Void> startDelete(FileEntry expected, boolean toTrash) throws IOException {
        return startDelete(expected, toTrash, threads.installs());
    }

    private Pending<Void> startDelete(FileEntry expected, boolean toTrash, java.util.concurrent.Executor syncs)
            throws IOException {
        Path directory;
        try {
            directory = applier.deleteLeavingDirectoryUnsynced(expected, toTrash);
        } finally {
            watchedScan.changed(expected.path());
        }
        applied.removed(expected.path());
        report(toTrash ? FolderChange.Type.TRASHED : FolderChange.Type.DELETED, expected, "");
        FutureTask<Void> durable = new FutureTask<>(() -> {
            applier.syncDirectories(List.of(directory));
            return null;
        });
        syncs.execute(durable);
        return () -> Futures.await(durable, "the removal of " + expected.path() + " to be made durable");
    }

    public void rename(String from, String to, FileEntry expected) throws IOException {
        try {
            applier.rename(from, to, expected);
        } finally {
            watchedScan.changed(List.of(from, to));
        }
        applied.removed(from);
        FileEntry moved = current(to);
        if (moved != null) {
            applied.wrote(moved);
            // the client keeps the server's loser of a conflict by renaming it to its conflict copy
            boolean conflict = ConflictNamer.isConflictCopy(to) && !ConflictNamer.isConflictCopy(from);
            report(conflict ? FolderChange.Type.CONFLICT_KEPT : FolderChange.Type.RENAMED, moved, from);
        }
    }

    public void installSymlink(FileEntry link, FileEntry expectedCurrent, boolean trashOld) throws IOException {
        try {
            applier.installSymlink(link, expectedCurrent, trashOld);
        } finally {
            watchedScan.changed(link.path());
        }
        applied.wrote(link);
    }

    public void mkdir(FileEntry dir) throws IOException {
        try {
            applier.mkdir(dir);
        } finally {
            watchedScan.changed(dir.path());
        }
        applied.wrote(dir);
    }

    public void moveAside(FileEntry loser, String conflictPath) throws IOException {
        try {
            applier.moveAside(loser, conflictPath);
        } finally {
            watchedScan.changed(List.of(loser.path(), conflictPath));
        }
        applied.removed(loser.path());
        FileEntry aside = current(conflictPath);
        if (aside != null) {
            applied.wrote(aside);
            report(FolderChange.Type.CONFLICT_KEPT, aside, loser.path());
        }
    }

    /**
     * A file we install carries the sender's mtime, which can be the very millisecond of the version it replaced here
     * (both written in the same tick), and often its size: the scan cache would then vouch for the old hash, and the
     * next scan report the replaced version. What we installed is known, so the cache is told.
     */
    private void rememberHash(FileEntry installed) {
        if (installed.isFile() && installed.hash().length() == WHOLE_HASH_HEX) {
            scanCache.remember(installed.path(), installed.size(), installed.mtimeMillis(), installed.hash());
        }
    }

    public void pruneTrash() throws IOException {
        trash.prune();
    }

    public Path newTempFile() throws IOException {
        return applier.newTempFile();
    }

    /** The entry at {@code path}, which must be a file whose hash is {@code expectedHash} ("" = any). */
    public FileEntry requireFile(String path, String expectedHash) throws IOException {
        FileEntry now = requireEntry(path, expectedHash);
        if (!now.isFile()) {
            throw new ChangedSinceScanException(path + " is no longer a file");
        }
        return now;
    }

    /** The entry at {@code path}, whose hash must be {@code expectedHash} ("" = any; directories have none). */
    public FileEntry requireEntry(String path, String expectedHash) throws IOException {
        FileEntry now = current(path);
        if (now == null) {
            throw new NoSuchFileException(path, null, "not in the shared folder (any more)");
        }
        if (!expectedHash.isEmpty() && !FileEntry.hashNames(now.hash(), expectedHash)) {
            throw new ChangedSinceScanException(path + " changed since it was scanned");
        }
        return now;
    }
}
