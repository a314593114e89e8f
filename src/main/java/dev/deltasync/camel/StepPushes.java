package dev.deltasync.camel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.luben.zstd.Zstd;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.lines.BaseLineEdit;
import dev.deltasync.lines.LineKeyCache;
import dev.deltasync.lines.Lines;
import dev.deltasync.manifest.ManifestHistory;
import dev.deltasync.manifest.ManifestVersion;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.Changed;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.FrameCompression;
import dev.deltasync.wire.MessageCodec;
import dev.deltasync.wire.PushedStep;
import dev.deltasync.wire.SharedFrame;
import dev.deltasync.wire.WireLimits;

/**
 * Makes the server's pushes, each encoded once for all clients: the plain {@code Changed(paths)} for clients without
 * {@code PUSH_STEP}, and for the others the same paths with the manifest step since the last push and the contents
 * of its small files ({@link PushedStep}). Consecutive pushes chain (each step starts where the last ended), so a
 * live client that took every push holds the version the next one starts from; for clients that also take
 * {@code PUSH_EDITS}, a small text file whose version at the step's start has known line keys ({@link LineKeyCache},
 * filled by the scanner and by every content pushed) goes as a line edit against it when that is smaller.
 */
public final class StepPushes {

    private static final Logger LOG = LoggerFactory.getLogger(StepPushes.class);
    /** Line keys held for the next edits: 4 bytes a line, so some 16 MiB of keys cover ~4 million lines. */
    static final long LINE_KEY_BYTES = 16L << 20;

    /**
     * The frames of one push: for clients that take steps (null when it has none), for those that also take edits
     * (the same frame when no file went as an edit), and for the others.
     */
    record Push(SharedFrame plain, SharedFrame withStep, SharedFrame withEdits) {
        Push(SharedFrame plain, SharedFrame withStep) {
            this(plain, withStep, withStep);
        }
    }

    /** A step's two forms: small files whole, and some as edits ({@code edited}, null when none goes so). */
    public record Steps(PushedStep whole, PushedStep edited) {

        /** What a client that takes edits gets. */
        public PushedStep forEdits() {
            return edited == null ? whole : edited;
        }
    }

    private final ManifestHistory history;
    private final LocalFolder folder;
    private final LineKeyCache lineKeys = new LineKeyCache(PushedStep.MAX_FILE, LINE_KEY_BYTES);
    private final int maxFrame;
    /** Server pushes count up from 2^31, apart from the client's request ids; one id serves every client. */
    private final AtomicInteger ids = new AtomicInteger(Integer.MIN_VALUE);
    /** The version the last step ended at ("" before the first). */
    private String lastPushed = "";

    public StepPushes(ManifestHistory history, LocalFolder folder, int maxFrame) {
        this.history = history;
        this.folder = folder;
        this.maxFrame = Math.min(maxFrame, WireLimits.DEFAULT_MAX_FRAME);
        folder.showScannedSmallFilesTo(PushedStep.MAX_FILE, lineKeys::remember);
    }

    /**
     * The push of {@code paths}; {@code before} is the version this change started from when known (the server's
     * own change: taken before its rescan), else "".
     */
    synchronized Push make(List<String> paths, String before) {
        int id = ids.getAndIncrement();
        SharedFrame plain = new SharedFrame(FrameCompression.compressIfUseful(MessageCodec.encode(new Changed(paths), id)));
        Steps steps = steps(before);
        SharedFrame whole = steps == null ? null : frame(paths, steps.whole(), id);
        if (whole == null) {
            return new Push(plain, null);
        }
        SharedFrame edited = steps.edited() == null ? null : frame(paths, steps.edited(), id);
        return new Push(plain, whole, edited == null ? whole : edited);
    }

    /** The frame of a push with {@code step}, without its files if they do not fit; null if even that does not. */
    private SharedFrame frame(List<String> paths, PushedStep step, int id) {
        int room = WireLimits.maxPayload(maxFrame);
        Frame raw = MessageCodec.encode(new Changed(paths, step), id);
        if (raw.payload().length > room && !(step.contents().isEmpty() && step.edits().isEmpty())) {
            raw = MessageCodec.encode(new Changed(paths, step.withoutFiles()), id);
        }
        return raw.payload().length > room ? null : new SharedFrame(FrameCompression.compressIfUseful(raw));
    }

    /**
     * The step to now from the latest version clients may hold: where the last push ended (until a push ended at a
     * version clients can hold, e.g. one made before any client was answered: the version of the last manifest
     * answer), or {@code before} when the folder moved on since without a push (a
     * client's manifest request took in a change the watcher had not reported yet). Null when no version can be named, or the step is empty or too big.
     */
    public synchronized PushedStep step(String before) {
        Steps steps = steps(before);
        return steps == null ? null : steps.whole();
    }

    /** {@link #step}'s two forms; null when there is no step. */
    public synchronized Steps steps(String before) {
        // until a push names a version clients can hold, live clients hold what their manifest requests were answered
        String from = later(answerable(lastPushed) < 0 ? history.lastAnswered() : lastPushed, before);
        ManifestHistory.Answer since = from.isEmpty() ? null : history.difference(from).orElse(null);
        lastPushed = since == null ? history.currentVersion() : since.version();
        if (since == null || since.version().equals(from)
                || since.entries().size() + since.removed().size() > PushedStep.MAX_ENTRIES) {
            return null;
        }
        List<PushedStep.Content> contents = contents(since.entries());
        PushedStep whole = new PushedStep(from, since.version(), since.entries(), since.removed(), contents);
        Map<String, String> bases = history.fileHashesAt(from,
                contents.stream().map(PushedStep.Content::path).toList());
        List<PushedStep.Content> kept = new ArrayList<>();
        List<PushedStep.Edit> edits = new ArrayList<>();
        for (PushedStep.Content content : contents) {
            PushedStep.Edit edit = edit(content, bases.get(content.path()));
            if (edit == null) {
                kept.add(content);
            } else {
                edits.add(edit);
            }
        }
        return new Steps(whole, edits.isEmpty() ? null
                : new PushedStep(from, since.version(), since.entries(), since.removed(), kept, edits));
    }

    /**
     * The content as a line edit against {@code baseHash} (the version clients hold), if its line keys are known
     * and the edit is smaller than the content; else null.
     */
    private PushedStep.Edit edit(PushedStep.Content content, String baseHash) {
        long[] baseKeys = baseHash == null || baseHash.length() != 2 * Sha256.LENGTH ? null
                : lineKeys.keysOf(baseHash).orElse(null);
        if (baseKeys == null || !Lines.looksLikeText(content.bytes())) {
            return null;
        }
        byte[] lines = BaseLineEdit.of(content.bytes(), baseKeys).orElse(null);
        if (lines == null || !smaller(lines, content.bytes())) {
            return null;
        }
        LOG.debug("Pushing {} as a line edit of {} bytes instead of {}", content.path(), lines.length,
                content.bytes().length);
        return new PushedStep.Edit(content.path(), FileEntry.hashPrefix(baseHash), lines);
    }

    /**
     * Whether the edit is the smaller once compressed with the rest of the push: plainly so when it is a quarter
     * of the content, else both are compressed to tell (an edit's keys compress worse than text).
     */
    private static boolean smaller(byte[] edit, byte[] content) {
        if (edit.length <= content.length / 4) {
            return true;
        }
        return edit.length < content.length && Zstd.compress(edit, FrameCompression.LEVEL).length
                < Zstd.compress(content, FrameCompression.LEVEL).length;
    }

    /** Of two versions, the later one this server can still answer from ("" when neither). */
    private String later(String one, String other) {
        long first = answerable(one);
        long second = answerable(other);
        if (first < 0 && second < 0) {
            return "";
        }
        return first >= second ? one : other;
    }

    /** The number of a version a step may start from: one of this process, after the first scan; else -1. */
    private long answerable(String version) {
        ManifestVersion named = ManifestVersion.parse(version).orElse(null);
        return named == null || named.number() == 0 || !history.answersFrom(version) ? -1 : named.number();
    }

    /** The small files of the step, read now and sent only if they still are the version the step names. */
    private List<PushedStep.Content> contents(List<FileEntry> changed) {
        List<PushedStep.Content> contents = new ArrayList<>();
        long room = PushedStep.MAX_CONTENTS;
        for (FileEntry entry : changed) {
            if (!entry.isFile() || entry.size() > PushedStep.MAX_FILE || entry.size() > room
                    || entry.hash().length() != 2 * Sha256.LENGTH) {
                continue;
            }
            try {
                byte[] bytes = folder.readAllBytes(entry.path());
                if (bytes.length == entry.size() && Sha256.hex(bytes).equals(entry.hash())) {
                    lineKeys.remember(entry.hash(), bytes); // the base of this file's next edit
                    contents.add(new PushedStep.Content(entry.path(), bytes));
                    room -= bytes.length;
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Not pushing the content of {}: {}", entry.path(), e.toString());
            }
        }
        return contents;
    }
}
