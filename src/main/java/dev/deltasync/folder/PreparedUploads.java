package dev.deltasync.folder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.rsync.RefiningEncoder;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SignatureTap;
import dev.deltasync.sync.FileEntry;

/**
 * Uploads read before the cycle that sends them: for a big file changed since the version both sides last agreed
 * on, whose signature the cache holds, the read that matches the new content against that signature (and builds
 * the new version's signature in passing) runs while Camel starts and the client connects, so that the upload only
 * refines and sends. A pass is used once, only for the content it read (same SHA-256) against the same version;
 * what the cycle did not use is dropped at its end ({@link #dropUnused}).
 */
public final class PreparedUploads {

    private static final Logger LOG = LoggerFactory.getLogger(PreparedUploads.class);

    /** A file's first pass, the signature it was made against, and the tap that read it (null: none). */
    public record Prepared(RefiningEncoder.FirstPass pass, Signature known, SignatureTap tap) {
    }

    /** One file offered: whoever claims it first (the reader ahead, or the upload) reads it. */
    private static final class Slot {
        final FileEntry version;
        final Signature known;
        final AtomicBoolean claimed = new AtomicBoolean();
        final CompletableFuture<Prepared> done = new CompletableFuture<>();

        Slot(FileEntry version, Signature known) {
            this.version = version;
            this.known = known;
        }
    }

    private final LocalFolder folder;
    private final SignatureCache signatures;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    PreparedUploads(LocalFolder folder, SignatureCache signatures) {
        this.folder = folder;
        this.signatures = signatures;
    }

    /** {@code version} (as just scanned here) may be uploaded against the agreed version that {@code known} signs. */
    public void offer(FileEntry version, Signature known) {
        slots.put(version.path(), new Slot(version, known));
    }

    /** Reads every file offered and not yet claimed by an upload, one after the other, on the calling thread. */
    public void readOffered() {
        for (Slot slot : slots.values()) {
            if (slot.claimed.compareAndSet(false, true)) {
                Prepared prepared = null;
                try {
                    prepared = read(slot);
                } finally {
                    slot.done.complete(prepared); // whatever happened, an upload waiting for it goes on
                }
            }
        }
    }

    private Prepared read(Slot slot) {
        String path = slot.version.path();
        SignatureTap tap = signatures.tap(slot.version);
        long started = System.nanoTime();
        try (InputStream file = Files.newInputStream(folder.resolve(path));
             InputStream in = tap == null ? file : tap.through(file)) {
            RefiningEncoder.FirstPass pass = RefiningEncoder.firstPass(in, slot.known);
            if (!pass.sha256Hex().equals(slot.version.hash())) {
                LOG.debug("{} changed since it was scanned; its upload reads it again", path);
                signatures.drop(tap);
                return null;
            }
            LOG.debug("Compared {} with the version last synced ahead of the cycle in {} ms", path,
                    (System.nanoTime() - started) / 1_000_000);
            return new Prepared(pass, slot.known, tap);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not read {} ahead of the cycle ({}); its upload reads it", path, e.toString());
            signatures.drop(tap);
            return null;
        }
    }

    /**
     * The pass of {@code version} against the agreed version of SHA-256 {@code basisHash}, waiting for it if it is
     * being read; null if none was offered, it is not read yet (the caller reads the file itself), or it is of other
     * content or against another version. A pass returned is the caller's, tap included.
     */
    public Prepared take(FileEntry version, String basisHash) {
        Slot slot = slots.remove(version.path());
        if (slot == null || slot.claimed.compareAndSet(false, true)) {
            return null;
        }
        Prepared prepared = slot.done.join();
        if (prepared == null) {
            return null;
        }
        if (!prepared.pass().sha256Hex().equals(version.hash())
                || !prepared.known().basisSha256Hex().equals(basisHash)) {
            signatures.drop(prepared.tap());
            return null;
        }
        return prepared;
    }

    /** Forgets every pass not taken (the files not sent, or sent otherwise), giving their taps back. */
    public void dropUnused() {
        for (String path : slots.keySet()) {
            Slot slot = slots.remove(path);
            if (slot != null && !slot.claimed.compareAndSet(false, true)) { // being read or read: its tap comes back
                slot.done.thenAccept(prepared -> {
                    if (prepared != null) {
                        signatures.drop(prepared.tap());
                    }
                });
            }
        }
    }
}
