package dev.deltasync.client;

import dev.deltasync.rpc.Pending;
import dev.deltasync.rpc.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.deltasync.rsync.BasisRange;
import dev.deltasync.rsync.DeltaStats;
import dev.deltasync.rsync.RefinePolicy;
import dev.deltasync.rsync.RefiningEncoder;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SumWidth;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.PutBatchResult;

/**
 * The server's folder as the client sees it: every operation the client's sync cycle needs on the
 * other side. Each call is one request on the connection; failures come back as {@link RemoteException}.
 * Transfers return a {@link Pending} answer so that several can be under way at once.
 */
public interface RemoteFolder {

    /**
     * The server's tree. @param ours this side's entries: on first contact their keys let the server leave out
     * what both sides already have
     */
    Map<String, FileEntry> manifest(List<FileEntry> ours) throws IOException;

    /**
     * The paths at which the manifest {@link #manifest} returns changed since the previous call (differences the
     * server sent, this side's own changes it applied); empty when not known (a whole manifest came, or this
     * folder does not keep track), so that the cycle looks at every path.
     */
    default java.util.Optional<java.util.Set<String>> manifestChanges() {
        return java.util.Optional.empty();
    }

    /**
     * Fetches {@code path} (expected to have {@code expectedHash} and {@code expectedSize} bytes) as a delta
     * against {@code basis} (the signature of our copy, or the empty signature) into {@code deltaOut}.
     */
    Pending<Void> fetchDelta(String path, String expectedHash, long expectedSize, Signature basis, Path deltaOut)
            throws IOException;

    /**
     * Whether the server keeps signatures of the versions it held and answers {@link #fetchAgainstCached} (it
     * announced {@code Capabilities.CACHED_BASIS}).
     */
    default boolean servesCachedBases() {
        return false;
    }

    /**
     * Fetches {@code path} (expected to have {@code expectedHash} and {@code expectedSize} bytes) as a delta against
     * the server's own cached signature of the version {@code basisHash} we hold, into {@code deltaOut}, in one
     * request. The answer is false when the server keeps no such signature ({@code deltaOut} then holds nothing).
     */
    default Pending<Boolean> fetchAgainstCached(String path, String expectedHash, long expectedSize, String basisHash,
                                                Path deltaOut) throws IOException {
        throw new UnsupportedOperationException("this server keeps no signatures of the versions it held");
    }

    /**
     * What the server kept for us of an upload of {@code path} that was cut off, to resume it: empty when it holds
     * nothing or does not resume uploads.
     */
    default java.util.Optional<KeptUpload> keptUpload(String path) throws IOException {
        return java.util.Optional.empty();
    }

    /**
     * Sends our {@code content} as a delta against what the server kept of our cut upload of {@code target} (whose
     * signature is {@code kept}); the server installs it as {@code target} in place of its version {@code
     * currentHash} ("" = none).
     */
    default Pending<DeltaStats> pushResumed(FileEntry target, String currentHash, Signature kept, InputStream content)
            throws IOException {
        throw new UnsupportedOperationException("this server does not resume uploads");
    }

    /**
     * Whether the server pushed this version of a file ahead of the cycle: its download then costs no request
     * (it is installed from the push, see {@link #takePushed} and {@link PushedChanges}).
     */
    default boolean holdsPushed(FileEntry file) {
        return false;
    }

    /**
     * The content of this version of a file that the server pushed ahead of the cycle, checked against the entry's
     * size and SHA-256 (a pushed line edit is applied to our copy first); then forgotten. Empty when none is held.
     */
    default java.util.Optional<byte[]> takePushed(FileEntry file) throws IOException {
        return java.util.Optional.empty();
    }

    /** The signature of the server's copy of {@code path}, which must still have {@code expectedHash}. */
    Signature signature(String path, String expectedHash) throws IOException;

    /**
     * Sends our {@code content} as a delta against {@code basis}; the server installs it as {@code target}.
     * Returns once the data is sent; the pending answer says whether the server installed it.
     */
    Pending<DeltaStats> push(FileEntry target, String basisHash, Signature basis, InputStream content)
            throws IOException;

    /**
     * Signatures of ranges of the server's copy of {@code path} (which must still have {@code expectedHash}, ""
     * = any). @param seed the strong sums' seed when the round travels alone; a round that shares a request
     * with other files' rounds uses that request's seed; @param wanted the bits of sums the search needs per block
     * (whole sums come back when the server cannot cut them)
     */
    List<Signature> rangeSignatures(String path, String expectedHash, int blockLength, long seed,
                                    List<BasisRange> ranges, SumWidth wanted) throws IOException;

    /**
     * The rounds of one file against the server's copy of {@code path}: only the first names its hash. What the
     * rounds lead to is checked whole anyway (an upload's basis hash when the server installs it, a download's
     * ranges and result); the first check only stops early, and the hash it puts in the compression window
     * makes the later mentions of it (the upload's PutFile) nearly free.
     */
    default RefiningEncoder.SignatureSource rounds(String path, String expectedHash) {
        boolean[] checked = {false};
        return (block, seed, ranges, wanted) -> {
            String hash = checked[0] ? "" : expectedHash;
            checked[0] = true;
            return rangeSignatures(path, hash, block, seed, ranges, wanted);
        };
    }

    /** How deep refinement rounds go on this link: a round must save more than its round trip costs. */
    default RefinePolicy refinePolicy() {
        return RefinePolicy.DEFAULT;
    }

    /** Fetches byte ranges of the server's {@code path} (still {@code expectedHash}) back to back into {@code out}. */
    Pending<Void> fetchRanges(String path, String expectedHash, List<BasisRange> ranges, Path out) throws IOException;

    /**
     * Sends our file as a multi-round delta against the server's file {@code before} (its copy of the target,
     * or a similar file elsewhere when the target is new); the server installs it as {@code target}. Runs the
     * refinement rounds, then returns once the delta is sent.
     *
     * @param known      our signature of {@code before}'s version (the signature cache), standing for the first
     *                   rounds; null when we hold none
     * @param firstPass  the first pass of {@code file} against {@code known}, made ahead (then {@code sequential}
     *                   is not read); null for none
     * @param sequential a stream of {@code file} from its start (e.g. one that reports progress)
     * @param comparing  the comparison's progress, told each round and the share of its search
     */
    Pending<DeltaStats> pushRefined(FileEntry target, FileEntry before, Signature known,
                                    dev.deltasync.rsync.RefiningEncoder.FirstPass firstPass, Path file,
                                    InputStream sequential, Progress comparing) throws IOException;

    /**
     * Sends new files (absent on the server, each at most {@link PutBatch#MAX_FILE} bytes) in one stream.
     * A file whose length no longer matches its entry is sent padded or cut, so the server refuses just it.
     *
     * @return the files the server did not install, with why
     */
    Pending<List<PutBatchResult.Failed>> pushNewFiles(List<FileEntry> targets) throws IOException;

    /**
     * The next {@code count} symbols of line sketch {@code sketch} of the server's versions of {@code paths}
     * (named only by the first request, from 0).
     */
    LineSketchAnswer lineSketch(int sketch, List<String> paths, long from, int count) throws IOException;

    /**
     * The line sketch of exactly {@code paths} (in this order) if it was asked ahead, with the manifest request; taken
     * once. Empty when none was.
     */
    default java.util.Optional<LineSketchesAhead.Asked> lineSketchAskedAhead(List<String> paths) {
        return java.util.Optional.empty();
    }

    /** {@link #lineSketch}, asked now and awaited later: the request is on its way when this returns. */
    default Pending<LineSketchAnswer> askLineSketch(int sketch, List<String> paths, long from, int count)
            throws IOException {
        LineSketchAnswer answer = lineSketch(sketch, paths, from, count);
        return () -> answer;
    }

    /**
     * Sends line edits: {@code edits.get(i)} turns the server's {@code bases.get(i)} into {@code targets.get(i)}
     * once the lines whose keys are in {@code removed} are gone.
     *
     * @return the files the server did not install, with why
     */
    Pending<List<PutBatchResult.Failed>> pushLines(List<FileEntry> targets, List<FileEntry> bases, java.util.Set<Long> removed,
                                                   List<dev.deltasync.lines.LineEdit> edits) throws IOException;

    /**
     * Asks for the line edits that turn our versions of {@code files} into the server's, given the keys of the
     * server's lines we lack ({@code wanted}) and of our lines it lacks ({@code gone}); the answer's bytes
     * (per file {@code u8 0} and its edit, or {@code u8 1}).
     */
    Pending<byte[]> fetchLineEdits(List<dev.deltasync.wire.GetLineEdits.File> files, java.util.Set<Long> wanted,
                                   java.util.Set<Long> gone) throws IOException;

    /** Fetches the server's small files {@code sources} back to back into {@code out}, each exactly its size. */
    Pending<Void> fetchNewFiles(List<FileEntry> sources, Path out) throws IOException;

    /** Sends the deletion of {@code path} (still {@code expectedHash}) without waiting for the server's answer. */
    Pending<Void> delete(String path, String expectedHash, boolean toTrash) throws IOException;

    /** Sends the move of {@code from} (still {@code expectedHash}) to {@code to} without waiting for the answer. */
    Pending<Void> rename(String from, String to, String expectedHash) throws IOException;

    /** Sends the creation of a directory without waiting for the answer. */
    Pending<Void> mkdir(String path, int mode) throws IOException;

    /**
     * Before the cycle's state is committed: applies this cycle's own changes to the kept copy of the server's
     * manifest where the server said they made consecutive versions from the one held, so that the next
     * difference does not bring them back.
     */
    default void settleKnownManifest() {
    }
}
