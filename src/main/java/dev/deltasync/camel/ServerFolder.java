package dev.deltasync.camel;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.manifest.ManifestHistory;
import dev.deltasync.server.ServerContext;
import dev.deltasync.server.SpoolQuota;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.Mode;
import dev.deltasync.sync.ScanResult;
import dev.deltasync.sync.SyncStateStore;

/** The server's shared folder and identity, shared by all its client sessions. */
final class ServerFolder implements ServerContext, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerFolder.class);

    private final SyncStateStore state;
    private final LocalFolder folder;
    private final Mode mode;
    private final String secret;
    private final String serverId;
    private final int maxFrame;
    private final ManifestHistory manifests = new ManifestHistory();
    private final SpoolQuota spoolQuota;
    private volatile boolean closed;
    private volatile dev.deltasync.watch.ScanCatchUp catchUp;
    private final PeerThreads threads;

    private ServerFolder(SyncStateStore state, LocalFolder folder, Mode mode, String secret, String serverId,
                         int maxFrame, SpoolQuota spoolQuota, PeerThreads threads) {
        this.spoolQuota = spoolQuota;
        this.threads = threads;
        this.state = state;
        this.folder = folder;
        this.mode = mode;
        this.secret = secret;
        this.serverId = serverId;
        this.maxFrame = maxFrame;
    }

    static ServerFolder open(Settings settings, PeerThreads threads) {
        String serverId = FolderSetup.identity(settings.dir());
        SyncStateStore state = FolderSetup.openState(settings.dir());
        LocalFolder folder = FolderSetup.localFolder(settings.dir(), state, settings, threads);
        long perClient = settings.number("max-spool-mb-per-client", 16384) << 20;
        SpoolQuota spool = new SpoolQuota(perClient, settings.number("max-spool-mb", 32768) << 20);
        // what is kept of cut uploads counts toward the spool, one client's toward its own share too
        folder.partials().bound(spool.partials(), perClient);
        folder.partials().sweep();
        folder.partials().recoverIncoming(dev.deltasync.server.CutUploads.recovery(folder));
        // clients hold older versions than ours: their downloads go in one round against these
        long signatureCacheMb = settings.number("signature-cache-mb", 256);
        if (signatureCacheMb > 0) {
            folder.keepSignaturesOfEveryVersion(signatureCacheMb << 20);
        }
        return new ServerFolder(state, folder, Mode.of((int) settings.number("mode", 0)), settings.text("secret", ""),
                serverId, settings.maxFrame(), spool, threads);
    }

    /**
     * Scans and hashes the folder now, in the background, so that the first client does not wait for it: a
     * session's scan waits for this one (scans take turns) and then finds every hash in the scan cache. After a
     * restart only what changed meanwhile is read again.
     */
    CompletableFuture<ScanResult> indexInBackground() {
        CompletableFuture<ScanResult> indexed = new CompletableFuture<>();
        threads.background().execute(() -> {
            long start = System.nanoTime();
            try {
                ScanResult scan = folder.scan();
                long files = scan.entries().values().stream().filter(FileEntry::isFile).count();
                long bytes = scan.entries().values().stream().filter(FileEntry::isFile).mapToLong(FileEntry::size).sum();
                LOG.info("Indexed {}: {} file{}, {} bytes in {} ms", folder.root(), files, files == 1 ? "" : "s",
                        bytes, (System.nanoTime() - start) / 1_000_000);
                indexed.complete(scan);
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("Could not index {} at start ({}); the first client's request scans it", folder.root(),
                            e.getMessage());
                }
                indexed.completeExceptionally(e);
            }
        });
        return indexed;
    }

    @Override
    public LocalFolder folder() {
        return folder;
    }

    @Override
    public SpoolQuota spoolQuota() {
        return spoolQuota;
    }

    /** The folder's watcher, as far as a manifest request that waits for it needs it. */
    void caughtUpBy(dev.deltasync.watch.ScanCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @Override
    public CompletableFuture<Void> watcherCaughtUp(String forWhom) {
        dev.deltasync.watch.ScanCatchUp watcher = catchUp;
        return watcher == null ? CompletableFuture.completedFuture(null) : watcher.withWhatIsHeldNow(forWhom);
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public String secret() {
        return secret;
    }

    @Override
    public String serverId() {
        return serverId;
    }

    @Override
    public ManifestHistory manifests() {
        return manifests;
    }

    @Override
    public int maxFrame() {
        return maxFrame;
    }

    @Override
    public Executor installer() {
        return threads.serverInstalls();
    }

    @Override
    public void close() {
        closed = true; // the installer's threads stop with the Camel context
        state.close();
    }
}
