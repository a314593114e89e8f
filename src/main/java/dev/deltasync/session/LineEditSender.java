package dev.deltasync.session;

import dev.deltasync.lines.LineEdit;
import dev.deltasync.lines.LineKeys;
import dev.deltasync.lines.Lines;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.sync.Action;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.KeySketchDecoder;
import dev.deltasync.wire.GetLineSketch;
import dev.deltasync.wire.PutBatchResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends small text files that both sides hold in different versions as line edits: it asks the server for a
 * rateless sketch of the keys of its versions' lines ({@link LineKeys}), subtracts its own keys and peels which
 * lines differ ({@link KeySketchDecoder}, about 1.4 symbols of 10 bytes per differing line whatever the files'
 * sizes), then sends for each file only its new lines (with their places) and the 4-byte names of the server's
 * lines it drops. A 4 KiB file with two edited lines costs ~60 bytes besides the new lines themselves, where
 * refinement rounds cost a few hundred. Files it cannot send this way (binary, changed meanwhile, left out by the
 * server, a sketch that would cost more than it saves) come back as {@link Outcome#unsent}.
 */
final class LineEditSender {

    private static final Logger LOG = LoggerFactory.getLogger(LineEditSender.class);

    /** Files up to this size may go by lines (both versions). */
    static final long MAX_FILE = 256 * 1024;
    /** Files of one sketch. */
    static final int MAX_FILES = GetLineSketch.MAX_FILES;
    /** Bytes of one sketch's files (both sides read them whole). */
    static final long MAX_BYTES = 4L << 20;
    /** Symbols asked for per file at first: most edits touch a few lines, each costing ~1.4 symbols per side. */
    private static final int FIRST_SYMBOLS_PER_FILE = 6;
    /** A sketch grown past this many symbols per file costs more than refinement rounds would: give up. */
    private static final int MAX_SYMBOLS_PER_FILE = 24;

    private static final AtomicInteger SKETCHES = new AtomicInteger();

    /** A file sent, with the bytes of its new lines. */
    record Sent(Action.Copy copy, long addedBytes) {
    }

    /**
     * @param answer the server's answer to the edits (null when none was sent)
     */
    record Outcome(List<Sent> sent, List<Action.Copy> unsent, Pending<List<PutBatchResult.Failed>> answer) {
    }

    private record Ours(int index, Action.Copy copy, byte[] content, int[] starts, long[] keys) {
    }

    private LineEditSender() {
    }

    static Outcome send(LocalFolder local, RemoteFolder remote, List<Action.Copy> copies) throws IOException {
        if (copies.size() > MAX_FILES) {
            throw new IllegalArgumentException(copies.size() + " files in one line sketch");
        }
        List<Ours> ours = new ArrayList<>();
        List<Action.Copy> unsent = new ArrayList<>();
        for (int i = 0; i < copies.size(); i++) {
            Ours read = read(local, copies.get(i), i);
            if (read == null) {
                unsent.add(copies.get(i));
            } else {
                ours.add(read);
            }
        }
        if (ours.isEmpty()) {
            return new Outcome(List.of(), unsent, null);
        }
        int sketch = SKETCHES.incrementAndGet() & Integer.MAX_VALUE;
        List<String> paths = copies.stream().map(copy -> copy.targetBefore().path()).toList();
        LineSketchAnswer answer = remote.lineSketch(sketch, paths, 0, FIRST_SYMBOLS_PER_FILE * ours.size() + 16);
        Set<Integer> excluded = new HashSet<>(answer.excluded());
        List<Ours> kept = new ArrayList<>();
        for (Ours file : ours) {
            if (excluded.contains(file.index())) {
                unsent.add(file.copy());
            } else {
                kept.add(file);
            }
        }
        KeySketchDecoder decoder = new KeySketchDecoder(
                kept.stream().flatMapToLong(file -> java.util.Arrays.stream(file.keys())).toArray(),
                LineKeys.KEY_BYTES, LineSketchAnswer.CHECK_BYTES, answer.keys());
        decoder.add(answer.symbols());
        long limit = Math.min(GetLineSketch.MAX_SYMBOLS, (long) MAX_SYMBOLS_PER_FILE * kept.size() + 64);
        while (!decoder.decoded() && !decoder.failed() && !kept.isEmpty()) {
            // a tenth more at a time: a sketch that nearly decoded needs a few symbols, and each is 8 bytes
            long wanted = Math.max(decoder.received() + 16, Math.min(decoder.wanted(), decoder.received() * 11 / 10));
            if (wanted > limit) {
                break;
            }
            int count = (int) Math.min(GetLineSketch.MAX_COUNT, wanted - decoder.received());
            decoder.add(remote.lineSketch(sketch, List.of(), decoder.received(), count).symbols());
        }
        if (!decoder.decoded()) {
            LOG.debug("The line sketch of {} files did not decode within {} symbols; sending them by blocks",
                    kept.size(), decoder.received());
            kept.forEach(file -> unsent.add(file.copy()));
            return new Outcome(List.of(), unsent, null);
        }
        Set<Long> oursOnly = decoder.oursOnly();
        Set<Long> theirsOnly = decoder.theirsOnly();
        List<Sent> sent = new ArrayList<>();
        List<FileEntry> targets = new ArrayList<>();
        List<FileEntry> bases = new ArrayList<>();
        List<LineEdit> edits = new ArrayList<>();
        for (Ours file : kept) {
            LineEdit edit = LineEdit.of(file.index(), file.content(), file.starts(), file.keys(), oursOnly, theirsOnly);
            sent.add(new Sent(file.copy(), edit.addedBytes()));
            targets.add(file.copy().source());
            bases.add(file.copy().targetBefore());
            edits.add(edit);
        }
        LOG.debug("Line sketch of {} files: {} symbols, {} lines differ", kept.size(), decoder.received(),
                oursOnly.size() + theirsOnly.size());
        return new Outcome(sent, unsent, remote.pushLines(targets, bases, theirsOnly, edits));
    }

    /** Our version of a copy's file, cut into lines and keyed; null when it is not fit for a line edit. */
    private static Ours read(LocalFolder local, Action.Copy copy, int index) throws IOException {
        FileEntry source = copy.source();
        byte[] content;
        try {
            content = Files.readAllBytes(local.resolve(source.path()));
        } catch (IOException e) {
            return null; // gone or unreadable: the usual way reports it
        }
        if (content.length != source.size() || !Lines.looksLikeText(content)
                || !FileEntry.hashNames(Sha256.hex(content), source.hash())) {
            return null;
        }
        int[] starts = Lines.starts(content);
        long[] keys = LineKeys.of(index, content, starts);
        return LineKeys.distinct(keys) ? new Ours(index, copy, content, starts, keys) : null;
    }
}
