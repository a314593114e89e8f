package dev.deltasync.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.sync.PathList;

/**
 * The cycles of {@code client --once}: one, then again while files changed between their scan and their transfer
 * ({@link SyncReport#changedWhileSynced}), {@link #ATTEMPTS} cycles in all. A running client would retry those
 * in its next cycle; a one-shot run has no next cycle. Each retry scans again, once the files it retries have
 * stayed unwritten here for the quiet period (a file still being written would only fail again).
 */
public final class OnceCycles {

    private static final Logger LOG = LoggerFactory.getLogger(OnceCycles.class);
    public static final int ATTEMPTS = 3;
    /** A file written again and again is waited for at most this many quiet periods before each retry. */
    private static final int MAX_QUIET_PERIODS = 5;

    /** One sync cycle over the run's connection; null when not connected. */
    public interface Cycle {
        SyncReport run() throws IOException;
    }

    private final Cycle cycle;
    private final LocalFolder folder;
    private final long quietMs;

    public OnceCycles(Cycle cycle, LocalFolder folder, long quietMs) {
        this.cycle = cycle;
        this.folder = folder;
        this.quietMs = quietMs;
    }

    /** The run's report: what all its cycles did and what still failed (null when not connected). */
    public SyncReport run() throws IOException {
        SyncReport report = cycle.run();
        for (int attempt = 2; attempt <= ATTEMPTS && report != null && report.refusal().isEmpty()
                && !report.changedWhileSynced().isEmpty(); attempt++) {
            Set<String> changed = report.changedWhileSynced();
            LOG.info("{} changed while being synced; syncing again once they are settled (attempt {} of {})",
                    PathList.describe(List.copyOf(new TreeSet<>(changed)), "file"), attempt, ATTEMPTS);
            awaitSettled(changed);
            SyncReport retry = cycle.run();
            if (retry == null) {
                break; // the connection is gone: what failed stays failed
            }
            report = report.followedBy(retry);
        }
        return report;
    }

    /** Waits until none of {@code paths} here was modified within the quiet period, or gives up after a few. */
    private void awaitSettled(Set<String> paths) throws InterruptedIOException {
        long deadline = System.currentTimeMillis() + MAX_QUIET_PERIODS * quietMs;
        for (long now = System.currentTimeMillis(); now < deadline; now = System.currentTimeMillis()) {
            long settledAt = newestModification(paths) + quietMs;
            if (settledAt <= now) {
                return;
            }
            try {
                Thread.sleep(Math.min(settledAt, deadline) - now); // until the newest write is a quiet period old
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for changed files to settle");
            }
        }
        LOG.info("Files still being written after {} ms; syncing them again all the same", MAX_QUIET_PERIODS * quietMs);
    }

    /** The newest mtime among those of {@code paths} that are files here (Long.MIN_VALUE / 2 when none is). */
    private long newestModification(Set<String> paths) {
        long newest = Long.MIN_VALUE / 2;
        for (String path : paths) {
            try {
                Path file = folder.resolve(path);
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                newest = Math.max(newest, attrs.lastModifiedTime().toMillis());
            } catch (IOException e) {
                // gone, or only on the server: nothing here to wait for
            }
        }
        return newest;
    }
}
