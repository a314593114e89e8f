package dev.deltasync.client;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.PartialStore;
import dev.deltasync.folder.PreparedUploads;
import dev.deltasync.rpc.Futures;
import dev.deltasync.rpc.Pending;
import dev.deltasync.rpc.Phase;
import dev.deltasync.rpc.Progress;
import dev.deltasync.rpc.ProgressBoard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.rsync.DeltaStats;
import dev.deltasync.rsync.RefiningEncoder;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SignatureTap;
import dev.deltasync.sync.Action;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.PutBatchResult;

/** The client's files to the server: the client encodes, the server patches, verifies and installs. */
final class Upload implements Crossing {

    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);
    /** What a long upload waits for once sent, said so that the wait for the server's answer is not silent. */
    private static final String SERVER_INSTALLS = "sent, the server is verifying and installing it";

    private final LocalFolder local;
    private final RemoteFolder remote;
    private final ExecutorService rounds;

    Upload(LocalFolder local, RemoteFolder remote, ExecutorService rounds) {
        this.local = local;
        this.remote = remote;
        this.rounds = rounds;
    }

    /** Sends the file; the server's acknowledgement is awaited later (the next transfers go out meanwhile). */
    @Override
    public Finisher start(Action.Copy copy, FileEntry basis) throws IOException {
        FileEntry source = copy.source();
        FileEntry before = copy.targetBefore();
        local.requireFile(source.path(), source.hash());
        Path file = local.resolve(source.path());
        // a file compared ahead of the cycle against the version both sides agreed on is not read in order again
        PreparedUploads.Prepared prepared = basis != null && basis == before && before.isFile()
                ? local.preparedUploads().take(source, before.hash()) : null;
        // the read that encodes the file also builds its signature for the cache, so none follows the upload
        SignatureTap tap = prepared != null ? prepared.tap() : local.signatureCache().tap(source);
        Pending<DeltaStats> answer;
        try {
            answer = send(source, before, basis, file, tap, prepared);
        } catch (IOException | RuntimeException e) {
            local.signatureCache().drop(tap);
            throw e;
        }
        return new Crossing.Finisher() {
            @Override
            public void finish(SyncReport report) throws IOException {
                DeltaStats stats;
                try {
                    stats = answer.await();
                } catch (IOException | RuntimeException e) {
                    abandon();
                    throw e;
                }
                report.fileTransferred(stats.literalBytes(), stats.matchedBytes());
                LOG.info("Sent {} to the server ({} bytes, {} of them new)", source.path(), stats.newLength(),
                        stats.literalBytes());
                local.signatureCache().rememberSent(file, source, tap, stats.newSha256Hex());
            }

            @Override
            public void abandon() {
                local.signatureCache().drop(tap);
            }
        };
    }

    private Pending<DeltaStats> send(FileEntry source, FileEntry before, FileEntry basis, Path file, SignatureTap tap,
                                     PreparedUploads.Prepared prepared) throws IOException {
        boolean hasBasis = before != null && before.isFile();
        KeptUpload kept = source.isFile() && source.size() >= PartialStore.MIN_SIZE
                ? remote.keptUpload(source.path()).orElse(null) : null;
        if (kept != null) {
            LOG.info("Resuming {}: {} already on the server", source.path(), kept.describeHeld());
            // a tap that read the file ahead saw it whole already
            try (InputStream in = Progress.reading(read(file, prepared != null ? null : tap), "Sending " + source.path(),
                    source.size(), SERVER_INSTALLS)) {
                return remote.pushResumed(source, hasBasis ? before.hash() : "", kept.basis(), in);
            }
        } else if (basis != null) {
            // the rounds of several files run side by side, so their round trips overlap
            // our signature of the version both sides agreed on, if we kept one, stands for the first round
            Signature known = prepared != null ? prepared.known() : basis == before
                    ? local.signatureCache().find(before.hash(), before.size()).orElse(null) : null;
            RefiningEncoder.FirstPass firstPass = prepared != null ? prepared.pass() : null;
            Future<Pending<DeltaStats>> refined = rounds.submit(() -> {
                // the comparison goes on through the finer rounds, until sending begins (or it fails)
                Progress comparing = local.progress().start(source.path(), Phase.COMPARING, "Comparing "
                        + source.path() + " with the server's copy", source.size(), "");
                try (InputStream in = ProgressBoard.counting(read(file, tap), comparing,
                        "finer rounds for the parts that differ")) {
                    return remote.pushRefined(source, basis, known, firstPass, file, in, comparing);
                } finally {
                    comparing.finish();
                }
            });
            return () -> awaitInstalled(Futures.await(refined, "a transfer"), source);
        } else {
            try (InputStream in = local.progress().reading(read(file, tap), source.path(), Phase.SENDING,
                    "Sending " + source.path(), source.size(), SERVER_INSTALLS)) {
                Signature signature = hasBasis ? remote.signature(before.path(), before.hash()) : Signature.empty();
                Pending<DeltaStats> sent = remote.push(source, hasBasis ? before.hash() : "", signature, in);
                return () -> awaitInstalled(sent, source);
            }
        }
    }

    private static InputStream read(Path file, SignatureTap tap) throws IOException {
        InputStream in = Files.newInputStream(file);
        return tap == null ? in : tap.through(in);
    }

    /**
     * Once all of a file went out, the wait for the server to verify and install it is a phase of its own, so a long
     * one is not silent.
     */
    private DeltaStats awaitInstalled(Pending<DeltaStats> answer, FileEntry source) throws IOException {
        Progress waiting = local.progress().start(source.path(), Phase.WAITING, "Sent " + source.path()
                + ", waiting for the server to verify and install it", 0, "");
        try {
            DeltaStats stats = answer.await();
            waiting.finishAll();
            return stats;
        } finally {
            waiting.finish();
        }
    }

    @Override
    public Pending<List<PutBatchResult.Failed>> startBatch(List<FileEntry> files) throws IOException {
        return remote.pushNewFiles(files);
    }

    @Override
    public String batchSummary() {
        return "Sent {} to the server in one batch ({} bytes)";
    }
}
