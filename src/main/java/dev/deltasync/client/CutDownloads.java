package dev.deltasync.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.PartialStore;
import dev.deltasync.rsync.PrefixPatcher;
import dev.deltasync.rsync.ReceiverRefiner;
import dev.deltasync.sync.Action;
import dev.deltasync.sync.FileEntry;

/**
 * The client's side of resuming downloads: keeps what arrived of a download that was cut off (rebuilt from the
 * delta's first part), and finds it again when the next sync downloads the file.
 */
public final class CutDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);

    /** Which basis a spooled delta was made against (see {@link #recovery}). */
    static final String RESUMED = "resumed";
    static final String CURRENT = "current";

    private final LocalFolder local;
    private final String serverId;

    CutDownloads(LocalFolder local, String serverId) {
        this.local = local;
        this.serverId = serverId;
    }

    /** What was kept of an earlier download of {@code source}'s file, if it is big enough to be worth resuming. */
    Optional<PartialStore.Partial> find(FileEntry source) {
        if (!resumable(source)) {
            return Optional.empty();
        }
        return local.partials().find(serverId, source.path());
    }

    /**
     * Where the delta of {@code source} is spooled: a big file's in the partial folder, so that what arrived survives
     * a client killed mid-transfer ({@link #recovery}); a small one's in the temp folder.
     */
    Path spool(FileEntry source, String basis) throws IOException {
        return resumable(source) ? local.partials().incoming(serverId, source.path(), source.hash(), source.size(),
                basis) : local.newTempFile();
    }

    /** The delta's spool is of no more use. */
    void discard(Path spool) throws IOException {
        local.partials().doneIncoming(spool);
        Files.deleteIfExists(spool);
    }

    /** At start-up: keeps what arrived of the downloads the client was receiving when it was killed. */
    public static PartialStore.Recovery recovery(LocalFolder local) {
        return incoming -> {
            Path basis = switch (incoming.basis()) {
                case RESUMED -> local.partials().find(incoming.peer(), incoming.path())
                        .map(PartialStore.Partial::data).orElse(null);
                case CURRENT -> local.resolve(incoming.path());
                default -> null;
            };
            if (!incoming.basis().isEmpty() && (basis == null
                    || !Files.isRegularFile(basis, java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
                return;
            }
            local.partials().keep(incoming.peer(), incoming.path(), incoming.targetHash(), incoming.targetSize(),
                    out -> {
                        try (InputStream in = new BufferedInputStream(Files.newInputStream(incoming.spool()), 1 << 16)) {
                            return PrefixPatcher.patchPrefix(basis, in, out, incoming.targetSize());
                        }
                    }, basis).ifPresent(kept -> LOG.info("Kept {} of {} that arrived before this client stopped; the"
                    + " next sync resumes from there", kept.describeHeld(), incoming.path()));
        };
    }

    /** Keeps what the part of {@code delta} that arrived rebuilds against {@code basis} (null: none). */
    void keep(Action.Copy copy, Path basis, Path delta) {
        keep(copy, basis, out -> {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(delta), 1 << 16)) {
                return PrefixPatcher.patchPrefix(basis, in, out, copy.source().size());
            }
        });
    }

    private void keep(Action.Copy copy, Path basis, PartialStore.Salvage salvage) {
        FileEntry source = copy.source();
        if (!resumable(source)) {
            return;
        }
        try {
            local.partials().keep(serverId, source.path(), source.hash(), source.size(), salvage, basis).ifPresent(kept -> LOG.info("Kept {} of {} that arrived before the transfer was cut; the next"
                    + " sync resumes from there", kept.describeHeld(), source.path()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not keep what arrived of {} ({}); the next sync downloads it again from the start",
                    source.path(), e.getMessage());
        }
    }

    /**
     * A refined download that was cut: the file's start is rebuilt from the plan of its rounds (pieces of our
     * basis, and the byte ranges that arrived) and kept as above.
     */
    void keepRefined(Action.Copy copy, Path basisFile, ReceiverRefiner.Plan plan, Path literals) {
        keep(copy, basisFile, out -> {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(literals), 1 << 16)) {
                return ReceiverRefiner.writePrefix(plan, in, basisFile, out);
            }
        });
    }

    private static boolean resumable(FileEntry source) {
        return source.isFile() && source.size() >= PartialStore.MIN_SIZE;
    }
}
