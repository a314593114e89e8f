package dev.deltasync.camel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.folder.LocalFolder;
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
 * live client that took every push holds the version the next one starts from.
 */
public final class StepPushes {

    private static final Logger LOG = LoggerFactory.getLogger(StepPushes.class);

    /** The frames of one push: one for clients that take steps (null when it has none), one for the others. */
    record Push(SharedFrame plain, SharedFrame withStep) {
    }

    private final ManifestHistory history;
    private final LocalFolder folder;
    private final int maxFrame;
    /** Server pushes count up from 2^31, apart from the client's request ids; one id serves every client. */
    private final AtomicInteger ids = new AtomicInteger(Integer.MIN_VALUE);
    /** The version the last step ended at ("" before the first). */
    private String lastPushed = "";

    public StepPushes(ManifestHistory history, LocalFolder folder, int maxFrame) {
        this.history = history;
        this.folder = folder;
        this.maxFrame = Math.min(maxFrame, WireLimits.DEFAULT_MAX_FRAME);
    }

    /**
     * The push of {@code paths}; {@code before} is the version this change started from when known (the server's
     * own change: taken before its rescan), else "".
     */
    synchronized Push make(List<String> paths, String before) {
        int id = ids.getAndIncrement();
        SharedFrame plain = new SharedFrame(FrameCompression.compressIfUseful(MessageCodec.encode(new Changed(paths), id)));
        PushedStep step = step(before);
        if (step == null) {
            return new Push(plain, null);
        }
        int room = WireLimits.maxPayload(maxFrame);
        Frame raw = MessageCodec.encode(new Changed(paths, step), id);
        if (raw.payload().length > room && !step.contents().isEmpty()) {
            raw = MessageCodec.encode(new Changed(paths, new PushedStep(step.basedOn(), step.version(), step.changed(),
                    step.removed(), List.of())), id);
        }
        if (raw.payload().length > room) {
            return new Push(plain, null);
        }
        Frame frame = FrameCompression.compressIfUseful(raw);
        return new Push(plain, new SharedFrame(frame));
    }

    /**
     * The step to now from the latest version clients may hold: where the last push ended, or {@code before} when
     * the folder moved on since without a push (a client's manifest request took in a change the watcher had not
     * reported yet). Null when no version can be named, or the step is empty or too big.
     */
    public synchronized PushedStep step(String before) {
        String from = later(lastPushed, before);
        ManifestHistory.Answer since = from.isEmpty() ? null : history.difference(from).orElse(null);
        lastPushed = since == null ? history.currentVersion() : since.version();
        if (since == null || since.version().equals(from)
                || since.entries().size() + since.removed().size() > PushedStep.MAX_ENTRIES) {
            return null;
        }
        return new PushedStep(from, since.version(), since.entries(), since.removed(), contents(since.entries()));
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
