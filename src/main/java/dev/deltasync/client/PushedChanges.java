package dev.deltasync.client;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.lines.BaseLineEdit;
import dev.deltasync.lines.LinePatchException;
import dev.deltasync.manifest.ManifestVersion;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.PushedStep;

/**
 * What the server's pushes told this client ahead of its next cycle (see {@link PushedStep}): manifest steps, kept
 * until a cycle takes those that chain from the version it holds, and small file contents, kept by their hash until
 * a download takes them. Bounded; a content whose bytes do not hash to its entry's hash is dropped on arrival.
 * A file pushed as a line edit is kept as such until a cycle asks for it: then the edit is applied to this client's
 * copy, which must be the version it names, and only a result with the entry's hash becomes a content (else the
 * file is fetched as if nothing had been pushed). Outlives cycles and connections (a step names its server
 * process, a content its hash). Thread-safe: pushes arrive on the connection's thread, cycles take them on theirs.
 */
public final class PushedChanges {

    private static final Logger LOG = LoggerFactory.getLogger(PushedChanges.class);
    /** Steps kept for the next cycle: a cycle runs about once per quiet period, so a few suffice. */
    static final int MAX_STEPS = 64;
    /** Content bytes kept: the oldest go first. */
    static final long MAX_CONTENT_BYTES = 4L << 20;

    /** Reads this client's copy of a file (at most {@link PushedStep#MAX_FILE} bytes, else empty). */
    @FunctionalInterface
    public interface Copies {
        Optional<byte[]> read(String path) throws java.io.IOException;
    }

    /** A file pushed as a line edit, to become its {@code target} version. */
    private record HeldEdit(FileEntry target, PushedStep.Edit edit) {
    }

    /** A difference between two manifest versions, as the server would answer it. */
    public record Step(String version, Collection<FileEntry> changed, Collection<String> removed) {
    }

    private final Deque<PushedStep> steps = new ArrayDeque<>();
    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    private long contentBytes;
    /** Pushed edits by the hash of the version they make; their bytes count with the contents'. */
    private final Map<String, HeldEdit> edits = new LinkedHashMap<>();

    /** Keeps what a push carried; a content that does not match its entry's hash and size is not kept. */
    public synchronized void offer(PushedStep step) {
        steps.addLast(step);
        while (steps.size() > MAX_STEPS) {
            steps.removeFirst();
        }
        Map<String, FileEntry> byPath = new HashMap<>();
        step.changed().forEach(entry -> byPath.put(entry.path(), entry));
        for (PushedStep.Content content : step.contents()) {
            FileEntry entry = byPath.get(content.path());
            if (entry == null || !entry.isFile() || entry.size() != content.bytes().length
                    || !Sha256.hex(content.bytes()).equals(entry.hash())) {
                LOG.warn("Ignoring the pushed content of {}: it is not the version the server's step names"
                        + " (the file will be downloaded instead)", content.path());
                continue;
            }
            keep(entry.hash(), content.bytes());
        }
        for (PushedStep.Edit edit : step.edits()) {
            FileEntry entry = byPath.get(edit.path());
            if (entry == null || !entry.isFile() || entry.size() > PushedStep.MAX_FILE
                    || entry.hash().length() != 2 * Sha256.LENGTH) {
                LOG.warn("Ignoring the pushed line edit of {}: the server's step names no small file there"
                        + " (the file will be downloaded instead)", edit.path());
                continue;
            }
            keep(new HeldEdit(entry, edit));
        }
    }

    private void keep(HeldEdit held) {
        HeldEdit before = edits.remove(held.target().hash());
        if (before != null) {
            contentBytes -= before.edit().lines().length;
        }
        edits.put(held.target().hash(), held);
        contentBytes += held.edit().lines().length;
        Iterator<HeldEdit> oldest = edits.values().iterator();
        while (contentBytes > MAX_CONTENT_BYTES && oldest.hasNext()) {
            contentBytes -= oldest.next().edit().lines().length;
            oldest.remove();
        }
    }

    private void keep(String hash, byte[] bytes) {
        if (contents.remove(hash) != null) {
            contentBytes -= bytes.length;
        }
        contents.put(hash, bytes);
        contentBytes += bytes.length;
        Iterator<byte[]> oldest = contents.values().iterator();
        while (contentBytes > MAX_CONTENT_BYTES && oldest.hasNext()) {
            contentBytes -= oldest.next().length;
            oldest.remove();
        }
    }

    /**
     * The pushed steps that chain from {@code held} (the manifest version this client holds), composed into one
     * difference; empty when none starts there, or when a later step held does not chain on (the chain's end would
     * not be the server's latest). Steps up to the one taken, and steps of other server processes or older versions,
     * are forgotten.
     */
    public synchronized Optional<Step> takeFrom(String held) {
        ManifestVersion at = ManifestVersion.parse(held).orElse(null);
        if (at == null) {
            return Optional.empty();
        }
        steps.removeIf(step -> stale(step, at));
        Map<String, FileEntry> changed = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        String version = held;
        boolean chained = true;
        while (chained) {
            chained = false;
            for (Iterator<PushedStep> it = steps.iterator(); it.hasNext(); ) {
                PushedStep step = it.next();
                if (step.basedOn().equals(version)) {
                    step.changed().forEach(entry -> {
                        changed.put(entry.path(), entry);
                        removed.remove(entry.path());
                    });
                    step.removed().forEach(path -> {
                        changed.remove(path);
                        removed.add(path);
                    });
                    version = step.version();
                    it.remove();
                    chained = true;
                    break;
                }
            }
        }
        if (version.equals(held)) {
            return Optional.empty();
        }
        String reached = version;
        steps.removeIf(step -> stale(step, ManifestVersion.parse(reached).orElse(at)));
        if (!steps.isEmpty()) {
            // A later step that does not chain: a version between was never pushed to us (the one our own upload
            // made is pushed to every client but us) or has not arrived yet. The chain's end is not the server's
            // latest, and no push may come to tell us so: the cycle asks for the difference instead.
            return Optional.empty();
        }
        return Optional.of(new Step(version, List.copyOf(changed.values()), List.copyOf(removed)));
    }

    /** A step no client at {@code held} can use: of another server process, or not after it. */
    private static boolean stale(PushedStep step, ManifestVersion held) {
        ManifestVersion to = ManifestVersion.parse(step.version()).orElse(null);
        return to == null || !to.process().equals(held.process()) || to.number() <= held.number();
    }

    /** Whether a pushed content of this version of a file is held (a pushed content, not an edit). */
    public synchronized boolean holds(FileEntry file) {
        return file.isFile() && contents.containsKey(file.hash());
    }

    /**
     * Whether a pushed content of this version of a file is held, or a pushed edit makes it from this client's
     * copy (read with {@code copies}; the edit is then applied and checked now, and its result held as a content).
     */
    public boolean holds(FileEntry file, Copies copies) {
        if (!file.isFile()) {
            return false;
        }
        applyEdit(file.hash(), copies);
        return holds(file);
    }

    /** The pushed content with this hash (verified on arrival), which is then forgotten. */
    public synchronized Optional<byte[]> take(String hash) {
        byte[] bytes = contents.remove(hash);
        if (bytes == null) {
            return Optional.empty();
        }
        contentBytes -= bytes.length;
        return Optional.of(bytes);
    }

    /** {@link #take(String)}, after applying a pushed edit that makes this version from this client's copy. */
    public Optional<byte[]> take(String hash, Copies copies) {
        applyEdit(hash, copies);
        return take(hash);
    }

    /** Applies the edit held for {@code hash}, if any, outside the lock (it reads the disk); it is used up either way. */
    private void applyEdit(String hash, Copies copies) {
        HeldEdit held;
        synchronized (this) {
            held = edits.remove(hash);
            if (held == null) {
                return;
            }
            contentBytes -= held.edit().lines().length;
        }
        String path = held.target().path();
        byte[] result;
        try {
            byte[] base = copies.read(path).orElse(null);
            if (base == null || !Sha256.hex(base).startsWith(held.edit().baseHash())) {
                LOG.debug("The pushed line edit of {} is not for this client's copy (it changed here or missed"
                        + " a push); the file goes the usual way", path);
                return;
            }
            result = BaseLineEdit.apply(base, held.edit().lines(), held.target().size());
        } catch (java.io.IOException | LinePatchException e) {
            LOG.info("Could not apply the pushed line edit of {} ({}); the file goes the usual way", path,
                    e.getMessage());
            return;
        }
        if (result.length != held.target().size() || !Sha256.hex(result).equals(held.target().hash())) {
            LOG.info("The pushed line edit of {} did not give the server's version (lines moved); the file goes the"
                    + " usual way", path);
            return;
        }
        synchronized (this) {
            keep(hash, result);
        }
    }
}
