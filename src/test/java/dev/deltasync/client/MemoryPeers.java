package dev.deltasync.client;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.TestThreads;
import dev.deltasync.manifest.ManifestHistory;
import dev.deltasync.rpc.Connection;
import dev.deltasync.rpc.Requests;
import dev.deltasync.server.ServerContext;
import dev.deltasync.server.ServerSession;
import dev.deltasync.server.SpoolQuota;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import dev.deltasync.sync.ConflictNamer;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.MetadataDir;
import dev.deltasync.sync.Mode;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.sync.Trash;
import dev.deltasync.wire.Authenticator;
import dev.deltasync.wire.Challenge;
import dev.deltasync.wire.ClientHandshake;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.FrameSink;
import dev.deltasync.wire.WireLimits;

/**
 * A client and a server on two temp folders, joined by frames handed over in memory (no socket, no Netty, no
 * Camel route): the real {@link SyncCycle}, {@link RemoteFolderClient} and {@link ServerSession}, every message
 * encoded and decoded as on the wire. Each direction delivers its frames in order on a thread of its own, as a
 * transport does. A link can be told to drop when the client sends a frame of some kind (a peer failing mid-action).
 */
final class MemoryPeers implements AutoCloseable {

    static final String SERVER_ID = "server-1";

    private final Path clientDir;
    private final Path serverDir;
    private final Mode mode;
    private final TestThreads threads = new TestThreads();
    private final LocalFolder clientFolder;
    private final LocalFolder serverFolder;
    private final SyncStateStore state;
    private final ManifestHistory manifests = new ManifestHistory();
    /** The server's defaults: 16 GiB spooled per client, 32 GiB in all. */
    private final SpoolQuota spoolQuota = new SpoolQuota(16384L << 20, 32768L << 20);
    /** The round trips and the client's frames of the last sync, from the handshake's end. */
    private LinkTurns turns = new LinkTurns();
    /** What the server pushed to the client ahead of its cycles (tests offer the pushes themselves). */
    private final PushedChanges pushes = new PushedChanges();
    private final dev.deltasync.camel.StepPushes stepPushes;
    private final List<Frame> clientFrames = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    /** Set once the peers run live: cycles then reconcile only the paths in play. */
    private BetweenCycles between;
    private boolean allowMassDelete = true;
    private boolean resumesUploads;

    /** Each frame's delay on its way, both directions (0: none): a link with a round trip of twice that. */
    private final long oneWayDelayMs;

    MemoryPeers(Path clientDir, Path serverDir, Mode mode) throws IOException {
        this(clientDir, serverDir, mode, 0);
    }

    MemoryPeers(Path clientDir, Path serverDir, Mode mode, long oneWayDelayMs) throws IOException {
        this.oneWayDelayMs = oneWayDelayMs;
        this.clientDir = clientDir;
        this.serverDir = serverDir;
        this.mode = mode;
        this.clientFolder = new LocalFolder(clientDir, IgnoreRules.load(clientDir), ScanCache.none(),
                Trash.forFolder(clientDir), threads);
        this.serverFolder = new LocalFolder(serverDir, IgnoreRules.load(serverDir), ScanCache.none(),
                Trash.forFolder(serverDir), threads);
        this.state = SyncStateStore.open(clientDir);
        this.stepPushes = new dev.deltasync.camel.StepPushes(manifests, serverFolder, WireLimits.DEFAULT_MAX_FRAME);
    }

    /** The step the server's hub would push now for a change of its own folder (it rescans first); null if none. */
    dev.deltasync.wire.PushedStep serverPush() throws IOException {
        return stepPushes.step(rescanServer());
    }

    /** {@link #serverPush()} as a client that takes line edits gets it. */
    dev.deltasync.wire.PushedStep serverPushWithEdits() throws IOException {
        dev.deltasync.camel.StepPushes.Steps steps = stepPushes.steps(rescanServer());
        return steps == null ? null : steps.forEdits();
    }

    /** Rescans the server's folder into its manifest history as the hub does; returns the version before. */
    private String rescanServer() throws IOException {
        String before = manifests.currentVersion();
        long began = manifests.version();
        dev.deltasync.sync.WatchedScan.Numbered scanned = serverFolder.numberedScan();
        manifests.advance(scanned.result().entries(), began, scanned.number(),
                serverFolder.watchedScan()::changedBetween);
        return before;
    }

    /** The pushes the client holds for its next cycles. */
    PushedChanges pushes() {
        return pushes;
    }

    /**
     * From now on the peers behave as running ones: each folder's scans look only at the paths reported to its
     * {@link dev.deltasync.sync.WatchedScan} (as a watcher would report them) and the client's cycles reconcile
     * only the paths in play. The first scans still walk each folder.
     */
    MemoryPeers live() {
        between = new BetweenCycles();
        clientFolder.watchedScan().rescanAll();
        serverFolder.watchedScan().rescanAll();
        return this;
    }

    /** From now on the client's cycles run the mass-delete guard and the emptied-folder check (10 files, half). */
    /** A server that keeps what arrived of cut uploads, as the real one announces: the client asks about them. */
    MemoryPeers resumingUploads() {
        resumesUploads = true;
        return this;
    }

    MemoryPeers guarded() {
        allowMassDelete = false;
        return this;
    }

    /** A cycle that reconciles every path, even of live peers. */
    SyncReport syncEveryPath() throws IOException {
        BetweenCycles live = between;
        between = null;
        try {
            return sync();
        } finally {
            between = live;
        }
    }

    SyncStateStore state() {
        return state;
    }

    ManifestHistory manifests() {
        return manifests;
    }

    /** One sync cycle over a fresh link. */
    SyncReport sync() throws IOException {
        return sync(frame -> false);
    }

    /** One sync cycle over a fresh link that drops instead of carrying the first client frame {@code dropAt} picks. */
    SyncReport sync(Predicate<Frame> dropAt) throws IOException {
        return sync(dropAt, null);
    }

    /** One sync cycle over a fresh link that holds the client's frames back as {@code held} says. */
    SyncReport sync(HeldFrames held) throws IOException {
        return sync(frame -> false, held);
    }

    private SyncReport sync(Predicate<Frame> dropAt, HeldFrames held) throws IOException {
        try (Link link = new Link(dropAt, held)) {
            turns = new LinkTurns();
            clientFrames.clear();
            link.counted = true;
            RemoteFolderClient remote = new RemoteFolderClient(link.client, clientFolder, 10_000,
                    state.knownManifest(SERVER_ID), threads).withPushes(pushes).resumingUploads(resumesUploads);
            return new SyncCycle(clientFolder, remote, state, SERVER_ID, mode, ConflictNamer.systemClock(),
                    new SyncCycle.DeleteGuardSettings(0.5, 10, allowMassDelete), threads).between(between).run();
        }
    }

    /** The files of a folder (not its metadata), path to content. */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String path = root.relativize(file).toString().replace('\\', '/');
                if (!MetadataDir.isInside(path)) {
                    files.put(path, Files.readString(file));
                }
            }
        }
        return files;
    }

    /** Waits for the client's cached signatures still being written after a sync. */
    void finishBackgroundWrites() {
        clientFolder.finishBackgroundWrites(java.time.Duration.ofMinutes(1));
    }

    /** The client's request bursts in the last sync after the handshake: the round trips it waited on ({@link LinkTurns}). */
    int turns() {
        return turns.bursts();
    }

    /** The burst of the last sync in which the client first sent a frame of {@code type} (0: none). */
    int firstBurstOf(dev.deltasync.wire.MessageType type) {
        return turns.firstBurstOf(type);
    }

    /** The frames the client sent in the last sync after the handshake. */
    List<Frame> clientFrames() {
        synchronized (clientFrames) {
            return List.copyOf(clientFrames);
        }
    }

    /** The folders themselves (to listen to their transfers' progress, say). */
    LocalFolder clientFolder() {
        return clientFolder;
    }

    LocalFolder serverFolder() {
        return serverFolder;
    }

    Map<String, String> clientFiles() throws IOException {
        return files(clientDir);
    }

    Map<String, String> serverFiles() throws IOException {
        return files(serverDir);
    }

    @Override
    public void close() {
        state.close();
        threads.close();
    }

    /** The server's side of its sessions: its folder, mode and manifest versions. */
    private ServerContext serverContext() {
        return new ServerContext() {
            @Override
            public LocalFolder folder() {
                return serverFolder;
            }

            @Override
            public Mode mode() {
                return mode;
            }

            @Override
            public String secret() {
                return "";
            }

            @Override
            public String serverId() {
                return SERVER_ID;
            }

            @Override
            public int maxFrame() {
                return WireLimits.DEFAULT_MAX_FRAME;
            }

            @Override
            public ManifestHistory manifests() {
                return manifests;
            }

            @Override
            public Executor installer() {
                return threads.installs();
            }

            @Override
            public SpoolQuota spoolQuota() {
                return spoolQuota;
            }
        };
    }

    /** Two connections joined in memory, authenticated like a real client and server. */
    private final class Link implements AutoCloseable {
        private final ScheduledExecutorService toServer = Executors.newSingleThreadScheduledExecutor();
        private final ScheduledExecutorService toClient = Executors.newSingleThreadScheduledExecutor();
        private final Predicate<Frame> dropAt;
        private final HeldFrames held;
        private volatile boolean dropped;
        /** Whether frames are counted yet (not during the handshake). */
        private volatile boolean counted;
        private final Connection client;
        private final ServerSession session;

        Link(Predicate<Frame> dropAt, HeldFrames held) throws IOException {
            this.dropAt = dropAt;
            this.held = held;
            this.client = new Connection(sink(toServer, true), (id, message) -> { }, 1);
            this.session = new ServerSession("memory", serverContext(),
                    handler -> new Connection(sink(toClient, false), handler, Integer.MIN_VALUE), this::drop,
                    paths -> { });
            ClientHandshake handshake = new ClientHandshake(new Authenticator(""), "client-1");
            Requests requests = new Requests(client, 10_000);
            requests.tell(handshake.onChallenge((Challenge) requests.call(handshake.hello())));
            client.negotiated(WireLimits.DEFAULT_MAX_FRAME);
        }

        private FrameSink sink(ScheduledExecutorService lane, boolean fromClient) {
            return frame -> {
                if (dropped) {
                    throw new IllegalStateException("the connection is closed");
                }
                if (fromClient && dropAt.test(frame)) {
                    drop();
                    throw new IllegalStateException("the connection is closed");
                }
                Connection to = fromClient ? session.connection() : client;
                LinkTurns counter = counted ? turns : null;
                if (counter != null) {
                    if (fromClient) {
                        counter.clientSends(frame);
                        clientFrames.add(frame);
                    }
                }
                if (fromClient && held != null
                        && held.hold(frame, f -> carry(lane, () -> deliver(to, f, counter, fromClient)))) {
                    return;
                }
                carry(lane, () -> deliver(to, frame, counter, fromClient));
            };
        }

        /** Delivers after the link's one-way delay; equal delays keep the frames in order. */
        private void carry(ScheduledExecutorService lane, Runnable delivery) {
            if (oneWayDelayMs == 0) {
                lane.execute(delivery);
            } else {
                lane.schedule(delivery, oneWayDelayMs, TimeUnit.MILLISECONDS);
            }
        }

        private void deliver(Connection to, Frame frame, LinkTurns counter, boolean fromClient) {
            if (dropped) {
                return;
            }
            if (counter != null && !fromClient) {
                counter.clientReceives(frame);
            }
            try {
                to.onFrame(frame);
            } catch (IOException | RuntimeException e) {
                drop();
            }
        }

        private void drop() {
            dropped = true;
            client.closed("the connection to the server was lost");
            session.connection().closed("client disconnected");
        }

        @Override
        public void close() {
            drop();
            toServer.shutdownNow();
            toClient.shutdownNow();
        }
    }
}
