package dev.deltasync.client;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.rpc.Futures;
import dev.deltasync.rpc.Pending;
import dev.deltasync.rpc.Phase;
import dev.deltasync.rpc.Progress;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import dev.deltasync.folder.PartialStore;
import dev.deltasync.rsync.SignatureBuilder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.rsync.PatchResult;
import dev.deltasync.rsync.ReceiverRefiner;
import dev.deltasync.rsync.RefinePolicy;
import dev.deltasync.rsync.Signature;
import dev.deltasync.sync.Action;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.PutBatchResult;

/** The server's files to the client: the server encodes (or answers rounds), the client patches, verifies, installs. */
final class Download implements Crossing {

    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);

    private final LocalFolder local;
    private final RemoteFolder remote;
    private final ExecutorService rounds;
    private final CutDownloads cut;

    Download(LocalFolder local, RemoteFolder remote, ExecutorService rounds, CutDownloads cut) {
        this.local = local;
        this.remote = remote;
        this.rounds = rounds;
        this.cut = cut;
    }

    @Override
    public Finisher start(Action.Copy copy, FileEntry basis) throws IOException {
        byte[] pushed = remote.takePushed(copy.source()).orElse(null);
        if (pushed != null) {
            return installPushed(copy, pushed);
        }
        PartialStore.Partial partial = cut.find(copy.source()).orElse(null);
        if (partial != null) {
            return startResumed(copy, partial);
        }
        return basis != null && copy.source().size() > 0 ? startRefined(copy, basis) : startInOneRound(copy);
    }

    /**
     * A content the server pushed, already checked against the entry's SHA-256: written in place as the applier
     * does, with no signature, delta or patch of bytes this side holds whole. The install starts now, beside the other
     * pushed files of the cycle (too small for the signature cache).
     */
    private Finisher installPushed(Action.Copy copy, byte[] content) {
        FileEntry source = copy.source();
        FileEntry before = copy.targetBefore();
        Pending<Void> installed = local.startInstallVerified(source, before, content, copy.trashTarget());
        return report -> {
            installed.await();
            report.fileTransferred(content.length, 0);
            LOG.info("{} {} from the server's push ({} bytes)", before == null ? "Received new file" : "Updated",
                    source.path(), content.length);
        };
    }

    /**
     * Resumes a download that was cut: what arrived then (with the rest of our old version) is the basis of a delta
     * in one round, so the server sends only what we lack; the result is verified whole as always.
     */
    private Finisher startResumed(Action.Copy copy, PartialStore.Partial partial) throws IOException {
        FileEntry source = copy.source();
        FileEntry before = copy.targetBefore();
        LOG.info("Resuming {}: {} already here", source.path(), partial.describeHeld());
        Path basisFile = partial.data();
        Signature basis;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(basisFile), 1 << 16)) {
            basis = SignatureBuilder.build(in, Files.size(basisFile));
        }
        Path delta = cut.spool(source, CutDownloads.RESUMED);
        Pending<Void> answer;
        try {
            answer = remote.fetchDelta(source.path(), source.hash(), source.size(), basis, delta);
        } catch (IOException | RuntimeException e) {
            cut.discard(delta);
            throw e;
        }
        return report -> {
            try {
                try {
                    answer.await();
                } catch (IOException e) {
                    cut.keep(copy, basisFile, delta);
                    throw e;
                }
                PatchResult result = local.installDelta(source, before, basisFile, delta, copy.trashTarget());
                local.signatureCache().rememberLater(local.resolve(source.path()), source);
                report.fileTransferred(result.literalBytes(), result.matchedBytes());
                LOG.info("{} {} from the server, resumed ({} bytes, {} of them new)", before == null
                        ? "Received new file" : "Updated", source.path(), result.length(), result.literalBytes());
            } finally {
                cut.discard(delta);
            }
        };
    }

    /** Asks for the file; installing it waits until the answer is awaited (the transfer pipelines meanwhile). */
    private Finisher startInOneRound(Action.Copy copy) throws IOException {
        FileEntry source = copy.source();
        FileEntry before = copy.targetBefore();
        Signature basis = before != null && before.isFile()
                ? local.signature(before.path(), before.hash()) : Signature.empty();
        Path delta = cut.spool(source, before != null && before.isFile() ? CutDownloads.CURRENT : "");
        Pending<Void> answer;
        try {
            answer = remote.fetchDelta(source.path(), source.hash(), source.size(), basis, delta);
        } catch (IOException | RuntimeException e) {
            cut.discard(delta);
            throw e;
        }
        Path basisFile = before != null && before.isFile() ? local.resolve(before.path()) : null;
        return report -> {
            try {
                try {
                    answer.await();
                } catch (IOException e) {
                    cut.keep(copy, basisFile, delta);
                    throw e;
                }
                PatchResult result = local.installDelta(source, before, delta, copy.trashTarget());
                local.signatureCache().rememberLater(local.resolve(source.path()), source);
                report.fileTransferred(result.literalBytes(), result.matchedBytes());
                LOG.info("{} {} from the server ({} bytes, {} of them new)", before == null ? "Received new file"
                        : "Updated", source.path(), result.length(), result.literalBytes());
            } finally {
                cut.discard(delta);
            }
        };
    }

    /**
     * Finds what it can of the server's new version in our copy, round by round, then fetches the rest as
     * byte ranges; the result is patched and verified like any delta. A big file whose version we hold the server
     * may know the signature of ({@link RemoteFolder#fetchAgainstCached}) is asked for as a delta against it first:
     * one request, no rounds; without such a signature the rounds follow.
     */
    private Finisher startRefined(Action.Copy copy, FileEntry basis) throws IOException {
        FileEntry source = copy.source();
        FileEntry before = copy.targetBefore();
        local.requireFile(basis.path(), basis.hash());
        Path basisFile = local.resolve(basis.path());
        Path literals = local.newTempFile();
        // spooled as a one-round download is, so that what arrived of it before a cut is kept
        Path cachedDelta = againstCached(basis) && basis.path().equals(source.path())
                ? cut.spool(source, CutDownloads.CURRENT) : null;
        Pending<Boolean> cached;
        try {
            cached = cachedDelta == null ? () -> false
                    : remote.fetchAgainstCached(source.path(), source.hash(), source.size(), basis.hash(), cachedDelta);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(literals);
            if (cachedDelta != null) {
                cut.discard(cachedDelta);
            }
            throw e;
        }
        // the rounds of several files run side by side, so their round trips overlap
        AtomicReference<ReceiverRefiner.Plan> planned = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean cachedCut = new java.util.concurrent.atomic.AtomicBoolean();
        Future<ReceiverRefiner.Plan> refined = rounds.submit(() -> {
            try {
                if (cached.await()) {
                    return null;
                }
            } catch (IOException e) {
                cachedCut.set(true);
                throw e;
            }
            Progress comparing = local.progress().start(source.path(), Phase.COMPARING, "Comparing " + source.path()
                    + " with the server's copy", basis.size(), "");
            ReceiverRefiner.Plan plan;
            try {
                plan = ReceiverRefiner.plan(basisFile, source.size(),
                        ComparisonProgress.staged(remote.rounds(source.path(), source.hash()), comparing),
                        remote.refinePolicy(), comparing::advance);
                planned.set(plan);
                comparing.finishAll();
            } finally {
                comparing.finish();
            }
            remote.fetchRanges(source.path(), source.hash(), plan.literalRanges(), literals).await();
            return plan;
        });
        return report -> {
            Path delta = local.newTempFile();
            try {
                ReceiverRefiner.Plan plan;
                try {
                    plan = Futures.await(refined, "a transfer");
                } catch (IOException e) {
                    if (cachedCut.get()) {
                        cut.keep(copy, basisFile, cachedDelta);
                    } else if (planned.get() != null) {
                        cut.keepRefined(copy, basisFile, planned.get(), literals);
                    }
                    throw e;
                }
                if (plan == null) {
                    PatchResult result = local.installDelta(source, before, basisFile, cachedDelta, copy.trashTarget());
                    local.signatureCache().rememberLater(local.resolve(source.path()), source);
                    report.fileTransferred(result.literalBytes(), result.matchedBytes());
                    LOG.info("Updated {} from the server ({} bytes, {} of them new, in one round against the version"
                            + " we held)", source.path(), result.length(), result.literalBytes());
                    return;
                }
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
                if (cachedDelta != null) {
                    cut.discard(cachedDelta);
                }
            }
        };
    }

    /** Whether to ask for a delta against the server's signature of {@code basis}: a big file, a server that keeps them. */
    private boolean againstCached(FileEntry basis) {
        return remote.servesCachedBases() && basis.size() >= dev.deltasync.folder.SignatureCache.MIN_SIZE;
    }

    /**
     * Fetches new small files back to back into a temp file and installs them once all are in; files whose contents
     * the server pushed (each checked against its entry's SHA-256 on arrival) are installed from memory.
     */
    @Override
    public Pending<List<PutBatchResult.Failed>> startBatch(List<FileEntry> files) throws IOException {
        if (files.stream().allMatch(remote::holdsPushed)) {
            List<byte[]> pushed = new java.util.ArrayList<>();
            for (FileEntry file : files) {
                pushed.add(remote.takePushed(file).orElseThrow(
                        () -> new IOException("the pushed content of " + file.path() + " is gone")));
            }
            LOG.debug("{} new files came with the server's push", files.size());
            return () -> local.installNewFiles(files, pushed).failed();
        }
        Path contents = local.newTempFile();
        Pending<Void> answer;
        try {
            answer = remote.fetchNewFiles(files, contents);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(contents);
            throw e;
        }
        return () -> {
            try {
                answer.await();
                return local.installNewFiles(files, contents).failed();
            } finally {
                Files.deleteIfExists(contents);
            }
        };
    }

    @Override
    public String batchSummary() {
        return "Received {} from the server in one batch ({} bytes)";
    }
}
