package dev.deltasync.client;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.rpc.Pending;

import dev.deltasync.lines.LineEdit;
import dev.deltasync.lines.LineEditFormat;
import dev.deltasync.lines.LineKeys;
import dev.deltasync.lines.Lines;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.sync.Action;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.KeySketchDecoder;
import dev.deltasync.wire.GetLineEdits;
import dev.deltasync.wire.GetLineSketch;
import dev.deltasync.wire.PutBatchResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small text files that both sides hold in different versions, moved as line edits. The client asks the server for
 * a rateless sketch of the keys of its versions' lines ({@link LineKeys}), subtracts its own keys and peels which
 * lines differ ({@link KeySketchDecoder}: about 1.4 symbols of 8 bytes per differing line, whatever the files'
 * sizes). Uploading ({@link #send}), it then sends only its new lines (with their places) and the 4-byte keys of
 * the server's lines that go; downloading ({@link #fetch}), it sends the keys of the lines it lacks and of those
 * that go, and the server answers with its new lines. A 4 KiB file with two edited lines costs ~60 bytes besides
 * the new lines themselves, where refinement rounds cost a few hundred. Files that cannot go this way (binary,
 * changed meanwhile, left out by the server, a sketch that would cost more than it saves) come back as unsent.
 */
final class LineEditExchange {

    private static final Logger LOG = LoggerFactory.getLogger(LineEditExchange.class);

    /**
     * Files up to this size may go by lines (both versions): 8 text files of ~1 MiB with 3 edited lines each cost
     * 3,170 B by lines, 7,703 B by refinement rounds (and 2 round trips instead of ~7).
     */
    static final long MAX_FILE = dev.deltasync.wire.PutLines.MAX_FILE;
    /** Files of one sketch. */
    static final int MAX_FILES = GetLineSketch.MAX_FILES;
    /** Bytes of one sketch's files (both sides read them whole). */
    static final long MAX_BYTES = 4L << 20;
    /**
     * Symbols asked for per file at first, and in all: most edits touch a few lines, each costing ~1.4 symbols per
     * side. One file with one edited line: 10 symbols, 401 B for the whole sync (16 more symbols: 499 B; by
     * refinement rounds 512 B).
     */
    private static final int FIRST_SYMBOLS_PER_FILE = 6;
    private static final int FIRST_SYMBOLS = 4;
    /** A sketch grown past this many symbols per file costs more than refinement rounds would: give up. */
    private static final int MAX_SYMBOLS_PER_FILE = 24;

    private static final AtomicInteger SKETCHES = new AtomicInteger();

    /** A file sent, with the bytes of its new lines. */
    record Sent(Action.Copy copy, long addedBytes) {
    }

    /** @param answer the server's answer to the edits (null when none was sent) */
    record Outcome(List<Sent> sent, List<Action.Copy> unsent, Pending<List<PutBatchResult.Failed>> answer) {
    }

    /** A file to fetch and the edit that turns our version into the server's (null: the server had none for it). */
    record Fetched(Action.Copy copy, LineEdit edit) {
    }

    /**
     * @param gone   keys of our lines that go
     * @param answer the edits, in the order of {@code copies}' files that were asked for (null when none was)
     */
    record Fetch(List<Action.Copy> unsent, Set<Long> gone, Pending<List<Fetched>> answer) {
    }

    /** Our version of a copy's file, cut into lines and keyed, at index {@code index} of the sketch. */
    private record Ours(int index, Action.Copy copy, byte[] content, int[] starts, long[] keys) {
    }

    /** A decoded sketch: the files it covered, and the keys only we and only the server have. */
    private record Decoded(List<Ours> files, Set<Long> oursOnly, Set<Long> theirsOnly) {
    }

    private LineEditExchange() {
    }

    /** A number for a new sketch, unique in this process. */
    static int nextSketch() {
        return SKETCHES.incrementAndGet() & Integer.MAX_VALUE;
    }

    /** The symbols a sketch of {@code files} files asks for at first. */
    static int firstSymbols(int files) {
        return FIRST_SYMBOLS_PER_FILE * files + FIRST_SYMBOLS;
    }

    /** Uploads: our versions (the copies' sources) become the server's. */
    static Outcome send(LocalFolder local, RemoteFolder remote, List<Action.Copy> copies) throws IOException {
        return send(local, remote, copies, () -> { });
    }

    /** As above; {@code asked} runs once the sketch request is on its way (or none will go). */
    static Outcome send(LocalFolder local, RemoteFolder remote, List<Action.Copy> copies, Runnable asked)
            throws IOException {
        List<Action.Copy> unsent = new ArrayList<>();
        Decoded decoded = decode(local, remote, copies, Action.Copy::source, unsent, asked);
        if (decoded == null) {
            return new Outcome(List.of(), unsent, null);
        }
        List<Sent> sent = new ArrayList<>();
        List<FileEntry> targets = new ArrayList<>();
        List<FileEntry> bases = new ArrayList<>();
        List<LineEdit> edits = new ArrayList<>();
        for (Ours file : decoded.files()) {
            LineEdit edit = LineEdit.of(file.index(), file.content(), file.starts(), file.keys(), decoded.oursOnly(),
                    decoded.theirsOnly());
            sent.add(new Sent(file.copy(), edit.addedBytes()));
            targets.add(file.copy().source());
            bases.add(file.copy().targetBefore());
            edits.add(edit);
        }
        return new Outcome(sent, unsent, remote.pushLines(targets, bases, decoded.theirsOnly(), edits));
    }

    /** Downloads: the server's versions (the copies' sources) replace ours (their targets before). */
    static Fetch fetch(LocalFolder local, RemoteFolder remote, List<Action.Copy> copies) throws IOException {
        return fetch(local, remote, copies, () -> { });
    }

    /** As above; {@code asked} runs once the sketch request is on its way (or none will go). */
    static Fetch fetch(LocalFolder local, RemoteFolder remote, List<Action.Copy> copies, Runnable asked)
            throws IOException {
        List<Action.Copy> unsent = new ArrayList<>();
        Decoded decoded = decode(local, remote, copies, Action.Copy::targetBefore, unsent, asked);
        if (decoded == null) {
            return new Fetch(unsent, Set.of(), null);
        }
        List<GetLineEdits.File> files = new ArrayList<>();
        for (Ours file : decoded.files()) {
            files.add(new GetLineEdits.File(file.index(), file.copy().source().path(), file.copy().source().hash()));
        }
        Pending<byte[]> answer = remote.fetchLineEdits(files, decoded.theirsOnly(), decoded.oursOnly());
        Pending<List<Fetched>> edits = () -> read(answer.await(), decoded.files());
        return new Fetch(unsent, decoded.oursOnly(), edits);
    }

    private static List<Fetched> read(byte[] answer, List<Ours> files) throws IOException {
        InputStream in = new ByteArrayInputStream(answer);
        List<Fetched> fetched = new ArrayList<>();
        for (Ours file : files) {
            int status = in.read();
            if (status != 0 && status != 1) {
                throw new dev.deltasync.wire.ProtocolException("line edits: status " + status + " for "
                        + file.copy().source().path());
            }
            fetched.add(new Fetched(file.copy(), status == 1 ? null
                    : LineEditFormat.read(in, file.index(), file.copy().source().size())));
        }
        if (in.read() != -1) {
            throw new dev.deltasync.wire.ProtocolException("line edits: bytes left over after " + files.size() + " files");
        }
        return fetched;
    }

    /**
     * Reads our versions ({@code ours} of each copy), asks for the server's sketch of its versions and decodes the
     * difference; null (with every copy in {@code unsent}) when it cannot be done or would not pay.
     */
    private static Decoded decode(LocalFolder local, RemoteFolder remote, List<Action.Copy> copies,
                                  java.util.function.Function<Action.Copy, FileEntry> ours, List<Action.Copy> unsent,
                                  Runnable asked) throws IOException {
        if (copies.size() > MAX_FILES) {
            throw new IllegalArgumentException(copies.size() + " files in one line sketch");
        }
        // only the files we can key are named: a file's index in the sketch is its place among them
        List<Ours> read = new ArrayList<>();
        for (Action.Copy copy : copies) {
            Ours file = read(local, copy, ours.apply(copy), read.size());
            if (file == null) {
                unsent.add(copy);
            } else {
                read.add(file);
            }
        }
        if (read.isEmpty()) {
            return null;
        }
        List<String> paths = read.stream().map(file -> file.copy().source().path()).toList();
        LineSketchesAhead.Asked ahead = remote.lineSketchAskedAhead(paths).orElse(null);
        int sketch = ahead != null ? ahead.sketch() : nextSketch();
        Pending<LineSketchAnswer> first = ahead != null ? ahead.answer()
                : remote.askLineSketch(sketch, paths, 0, firstSymbols(read.size()));
        asked.run();
        LineSketchAnswer answer = first.await();
        Set<Integer> excluded = new HashSet<>(answer.excluded());
        List<Ours> kept = new ArrayList<>();
        for (Ours file : read) {
            if (excluded.contains(file.index())) {
                unsent.add(file.copy());
            } else {
                kept.add(file);
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        KeySketchDecoder decoder = new KeySketchDecoder(
                kept.stream().flatMapToLong(file -> Arrays.stream(file.keys())).toArray(),
                LineKeys.KEY_BYTES, LineSketchAnswer.CHECK_BYTES, answer.keys());
        decoder.add(answer.symbols());
        long limit = Math.min(GetLineSketch.MAX_SYMBOLS, (long) MAX_SYMBOLS_PER_FILE * kept.size() + 64);
        while (!decoder.decoded() && !decoder.failed()) {
            long estimate = decoder.wanted(); // from the symbols still busy: ~1.5 per differing line
            // a tenth more at a time: a sketch that nearly decoded needs a few symbols, and each is 8 bytes
            long wanted = Math.max(decoder.received() + 8, Math.min(estimate, decoder.received() * 11 / 10));
            if (wanted > limit || estimate > 2 * limit) {
                break; // too many lines differ for the sketch to pay: give up now, not a tenth at a time
            }
            int count = (int) Math.min(GetLineSketch.MAX_COUNT, wanted - decoder.received());
            decoder.add(remote.lineSketch(sketch, List.of(), decoder.received(), count).symbols());
        }
        if (!decoder.decoded()) {
            LOG.debug("The line sketch of {} files did not decode within {} symbols; they go by refinement rounds",
                    kept.size(), decoder.received());
            kept.forEach(file -> unsent.add(file.copy()));
            return null;
        }
        LOG.debug("Line sketch of {} files: {} symbols, {} lines differ", kept.size(), decoder.received(),
                decoder.oursOnly().size() + decoder.theirsOnly().size());
        return new Decoded(kept, decoder.oursOnly(), decoder.theirsOnly());
    }

    /** Our version {@code entry} of a copy's file, cut into lines and keyed; null when it is not fit for a line edit. */
    private static Ours read(LocalFolder local, Action.Copy copy, FileEntry entry, int index) {
        byte[] content;
        try {
            content = Files.readAllBytes(local.resolve(entry.path()));
        } catch (IOException e) {
            return null; // gone or unreadable: the usual way reports it
        }
        if (content.length != entry.size() || !Lines.looksLikeText(content)
                || !FileEntry.hashNames(Sha256.hex(content), entry.hash())) {
            return null;
        }
        int[] starts = Lines.starts(content);
        long[] keys = LineKeys.of(index, content, starts);
        return LineKeys.distinct(keys) ? new Ours(index, copy, content, starts, keys) : null;
    }
}
