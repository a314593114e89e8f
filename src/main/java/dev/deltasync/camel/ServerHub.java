package dev.deltasync.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.netty.NettyConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.rpc.Connection;
import dev.deltasync.server.ServerContext;
import dev.deltasync.server.ServerSession;
import dev.deltasync.watch.ChangeBatch;
import dev.deltasync.wire.Changed;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.MessageType;
import dev.deltasync.wire.MessageCodec;
import dev.deltasync.wire.SharedFrame;

/**
 * The server's Camel-facing bean: one {@link ServerSession} per client channel, frames routed to
 * their session, and local changes pushed to every authenticated client. Its watchdog (dropping clients gone
 * silent) runs on a scheduler of the Camel context while the context runs ({@link #service}).
 */
public final class ServerHub implements ChannelEvents.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ServerHub.class);
    /** Server-initiated pushes use ids from here on, disjoint from the client's request ids. */
    private static final int PUSH_IDS = Integer.MIN_VALUE;

    private static final int MAX_PATHS_PER_PUSH = 1000;
    /** Sessions working at once (CPU, disk); sessions waiting for a slow client do not count. */
    private static final int SESSIONS_AT_ONCE = 16;
    /** What the server holds for one client that does not take it, beyond the frame being written. */
    public static final long MAX_UNWRITTEN_PER_CLIENT = NettyFrameSink.MAX_UNWRITTEN;

    private final ServerContext context;
    private final Map<Channel, ServerSession> sessions = new ConcurrentHashMap<>();
    private final Map<Channel, Long> lastHeard = new ConcurrentHashMap<>();
    /** Each session's queues (frames, streamed answers) and its output to the client. */
    private final Map<Channel, Lane> lanes = new ConcurrentHashMap<>();
    private final SessionWorkers workers;
    /** Clients too busy (outbound buffer full) to be told of a change: each is told "reconcile" once it drains. */
    private final Set<Channel> owedPush = ConcurrentHashMap.newKeySet();
    private final ReadThrottle throttle = new ReadThrottle();
    private volatile java.util.function.Consumer<List<String>> clientsListener = clients -> { };
    private final HandshakeGuard handshakes;
    private volatile ChangeAttribution attribution;
    private final PeerThreads threads;
    private final long heartbeatMs;
    private volatile ScheduledExecutorService watchdog;
    private volatile dev.deltasync.watch.ScanCatchUp catchUp;
    private final StepPushes pushes;
    private java.util.function.LongSupplier clock = System::currentTimeMillis;

    /**
     * @param heartbeatMs clients send a heartbeat this often; one silent for 4 of them is dropped
     * @param handshakes  how long, and how many at once, connections may take to authenticate
     */
    ServerHub(ServerContext context, long heartbeatMs, PeerThreads threads, HandshakeGuard.Limits handshakes) {
        this.context = context;
        this.heartbeatMs = heartbeatMs;
        this.threads = threads;
        this.handshakes = new HandshakeGuard(handshakes, this::isAuthenticated);
        this.pushes = new StepPushes(context.manifests(), context.folder(), context.maxFrame());
        this.workers = new SessionWorkers(threads::sessions, SESSIONS_AT_ONCE);
    }

    /** One client's queues and output. */
    private record Lane(SessionQueue work, SessionQueue streams, NettyFrameSink out) {
    }

    /** The hub's watchdog as a service of the Camel context. */
    ContextService service() {
        return new ContextService("deltasync server hub", this::start, this::stop);
    }

    /** Where the checks of manifest requests waiting for the watcher run: the watchdog's scheduler (null: stopped). */
    ScheduledExecutorService scheduler() {
        return watchdog;
    }

    /** Told of every batch handed to the folder's scan, for the manifest requests that wait for the watcher. */
    void caughtUpBy(dev.deltasync.watch.ScanCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    private synchronized void start() {
        watchdog = threads.scheduler(this, "deltasync-watchdog");
        watchdog.scheduleWithFixedDelay(() -> dropSilent(4 * heartbeatMs), heartbeatMs, heartbeatMs,
                TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        threads.shutdownNow(watchdog);
        watchdog = null;
    }

    /**
     * Closes the connections silent for more than {@code limitMs}. Silence counts only while we listen: a client whose
     * frames we stopped reading (its session has not handled those read before, see {@link ReadThrottle}) cannot be
     * heard, and its heartbeats wait in the socket; that pause ends once its session catches up, which it does
     * unless it waits for the client to read, and then the connection is not writable and counts as before.
     */
    void dropSilent(long limitMs) {
        long now = clock.getAsLong();
        lastHeard.forEach((channel, heard) -> {
            if (!channel.config().isAutoRead() && channel.isWritable()) {
                lastHeard.replace(channel, heard, now);
            } else if (now - heard > limitMs) {
                ServerSession session = sessions.get(channel);
                LOG.warn("{} has been silent for {} ms; closing its connection",
                        session == null ? channel.remoteAddress() : session.describe(), now - heard);
                lastHeard.remove(channel);
                channel.close();
            }
        });
        clientsListener.accept(clients());
    }

    /** Tells the listener, every heartbeat period, which clients are connected (for {@code deltasync status}). */
    void onClients(java.util.function.Consumer<List<String>> listener) {
        this.clientsListener = listener;
    }

    /** One line per authenticated client: who, from where, when last heard. */
    List<String> clients() {
        List<String> clients = new ArrayList<>();
        sessions.forEach((channel, session) -> {
            if (session.isAuthenticated()) {
                Long heard = lastHeard.get(channel);
                clients.add(session.describe() + ", last heard " + (heard == null ? "?"
                        : java.time.Instant.ofEpochMilli(heard).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
            }
        });
        clients.sort(null);
        return clients;
    }

    @Override
    public void opened(Channel channel) {
        NettyFrameSink sink = new NettyFrameSink(channel, workers::waitForClient, SessionWorkers::runsStream,
                SessionWorkers::runsSessionWork);
        Connection.Factory connections = handler -> new Connection(sink, handler, PUSH_IDS);
        SessionQueue work = workers.newQueue("the client at " + address(channel));
        SessionQueue streams = workers.newStreamQueue("the client at " + address(channel));
        lastHeard.put(channel, clock.getAsLong());
        lanes.put(channel, new Lane(work, streams, sink));
        sessions.put(channel, new ServerSession(String.valueOf(channel.remoteAddress()), context, connections,
                () -> channel.close(), paths -> announce(channel, paths), streams));
    }

    @Override
    public void closed(Channel channel) {
        lastHeard.remove(channel);
        owedPush.remove(channel);
        throttle.whenDrained(channel, () -> closeSession(channel), watchdog, ReadThrottle.DRAIN_FALLBACK_MS);
    }

    /**
     * Ends a session once the frames its client sent before the connection dropped have been handled: the pieces
     * of an upload that did arrive go to its spool, so a cut upload keeps all of them to resume from.
     */
    private void closeSession(Channel channel) {
        throttle.closed(channel);
        lanes.remove(channel);
        ServerSession session = sessions.remove(channel);
        if (session != null) {
            session.connection().closed("client disconnected");
            if (session.isAuthenticated()) {
                LOG.info("{} disconnected", session.describe());
            }
        }
    }

    @Override
    public boolean answersHeartbeats() {
        return true;
    }

    @Override
    public void heard(Channel channel) {
        lastHeard.computeIfPresent(channel, (c, before) -> clock.getAsLong());
    }

    /** Where the hub reads the time (tests set their own). */
    void clock(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void queued(Channel channel, Frame frame) {
        throttle.read(channel, frame.payload().length);
    }

    /**
     * Called by the server route for every frame received: queues it for the client's session and returns at once,
     * so the route's thread never waits for a client (one busy sending a big file to a slow link, for one).
     */
    public void onFrame(Exchange exchange) throws Exception {
        Channel channel = exchange.getIn().getHeader(NettyConstants.NETTY_CHANNEL_HANDLER_CONTEXT,
                ChannelHandlerContext.class).channel();
        Frame frame = exchange.getIn().getMandatoryBody(Frame.class);
        exchange.getIn().setBody(null);
        Lane lane = lanes.get(channel);
        if (lane == null) {
            throttle.processed(channel, frame.payload().length);
        } else {
            lane.work().execute(() -> handle(channel, frame));
        }
    }

    private void handle(Channel channel, Frame frame) {
        ServerSession session = sessions.get(channel);
        try {
            // after a close only the pieces of streams under way are taken; new requests are dropped
            if (session != null && (channel.isActive() && !session.isCutOff() || isStreamPiece(frame))) {
                session.connection().onFrame(frame);
                if (session.isAuthenticated()) {
                    handshakes.authenticated(channel);
                }
            }
        } catch (Exception e) {
            LOG.warn("Closing the connection of {}: {}", session.describe(), e.getMessage());
            session.cutOff();
            channel.close();
        } finally {
            throttle.processed(channel, frame.payload().length);
        }
    }

    private static boolean isStreamPiece(Frame frame) {
        return frame.type() == MessageType.DATA.code() || frame.type() == MessageType.END.code();
    }

    /**
     * Called by the local-changes route: tells every client which paths changed here. What a client sent
     * us is announced by its session right away (see {@link #announce}), so its watcher echo is dropped.
     */
    public void onLocalChanges(ChangeBatch batch,
                               @org.apache.camel.Header(ChangeBatchAggregation.FIRST_TICKET) Long firstTicket,
                               @org.apache.camel.Header(ChangeBatchAggregation.LAST_TICKET) Long lastTicket) {
        batch.markIn(context.folder().watchedScan());
        dev.deltasync.watch.ScanCatchUp watcher = catchUp;
        if (watcher != null) {
            watcher.handedOver(firstTicket, lastTicket); // a manifest request waiting for these may be answered
        }
        if (!EchoFilter.genuine(batch, context.folder().applied())) {
            return;
        }
        String before = context.manifests().currentVersion();
        boolean scanned = rescanChanged();
        List<String> paths;
        if (batch.fullRescan()) {
            if (scanned && (before.equals(context.manifests().currentVersion())
                    || context.manifests().lastAnswered().isEmpty())) {
                return; // the folder is as the clients were told, or no client was told anything yet (all will ask)
            }
            paths = scanned ? changedSince(before) : List.of();
        } else {
            paths = new ArrayList<>(batch.changedPaths());
            paths.addAll(batch.rescanDirs());
        }
        if (paths.size() > MAX_PATHS_PER_PUSH) {
            paths = List.of(); // "something changed, reconcile everything": cheaper than a huge list
        }
        push(paths, null, before);
    }

    /**
     * Reads the settled paths (and only those; the whole folder for a full rescan) before the clients hear of them,
     * so that their requests for the manifest find the folder scanned and the changed files hashed, the push can
     * carry the step it made, and a full rescan that found nothing new tells nobody.
     */
    private boolean rescanChanged() {
        try {
            long began = context.manifests().version();
            dev.deltasync.sync.WatchedScan.Numbered scanned = context.folder().numberedScan();
            context.manifests().advance(scanned.result().entries(), began, scanned.number(),
                    context.folder().watchedScan()::changedBetween);
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("Could not rescan the changed paths before telling the clients: {}", e.toString());
            return false;
        }
    }

    /** The paths whose entries changed or went since {@code version}; empty ("reconcile everything") if unknown. */
    private List<String> changedSince(String version) {
        return context.manifests().difference(version).map(answer -> {
            List<String> paths = new ArrayList<>(answer.removed());
            answer.entries().forEach(entry -> paths.add(entry.path()));
            return paths;
        }).orElse(List.of());
    }

    /** A client's change was applied here: every other client hears of it at once. */
    void announce(Channel origin, List<String> paths) {
        push(paths.size() > MAX_PATHS_PER_PUSH ? List.of() : paths, origin, "");
        ChangeAttribution changes = attribution;
        ServerSession session = sessions.get(origin);
        if (changes != null) {
            changes.announced(session == null ? "" : session.clientId(), session == null ? ""
                    : "client " + session.clientId() + " at " + address(origin), paths);
        }
    }

    /** A client's address as a user reads it: 10.0.0.7:51234, without the leading slash of a socket address. */
    private static String address(Channel channel) {
        String address = String.valueOf(channel.remoteAddress());
        return address.startsWith("/") ? address.substring(1) : address;
    }

    /** Who caused the changes the server's folder reports: see {@link ChangeAttribution}. */
    void attributeChanges(ChangeAttribution changes) {
        this.attribution = changes;
    }

    /** Each authenticated client: its id, address and when it was last heard, for the JMX view. */
    List<String> describeClients() {
        List<String> clients = new ArrayList<>();
        sessions.forEach((channel, session) -> {
            if (session.isAuthenticated()) {
                Long heard = lastHeard.get(channel);
                clients.add(session.clientId() + " at " + channel.remoteAddress() + ", last heard "
                        + (heard == null ? "-" : java.time.Instant.ofEpochMilli(heard)));
            }
        });
        return clients;
    }

    /**
     * Never waits for a client: one whose outbound buffer is full (a slow link busy with a download) would hold up
     * every client after it, and queueing pushes for it would hold memory. It is told once its buffer drains, with
     * one "reconcile everything" for all the pushes it missed.
     */
    private void push(List<String> paths, Channel except, String before) {
        StepPushes.Push push = pushes.make(paths, before);
        for (Map.Entry<Channel, ServerSession> entry : sessions.entrySet()) {
            Channel channel = entry.getKey();
            ServerSession session = entry.getValue();
            if (channel != except && session.isAuthenticated()) {
                if (channel.isWritable()) {
                    SharedFrame frame = push.withStep() == null || !session.takesPushedSteps() ? push.plain()
                            : session.takesPushedEdits() ? push.withEdits() : push.withStep();
                    pushNow(channel, session, frame.copyForOneChannel());
                } else {
                    owedPush.add(channel);
                    writabilityChanged(channel); // it may have drained before it was added
                }
            }
        }
    }

    @Override
    public void writabilityChanged(Channel channel) {
        if (channel.isWritable()) {
            heard(channel); // what waited for the client went out: it reads, so it is there, however busy
        }
        ServerSession session = sessions.get(channel);
        if (channel.isWritable() && session != null && owedPush.remove(channel)) {
            pushNow(channel, session, MessageCodec.encode(new Changed(List.of()), session.connection().newRequestId()));
        }
    }

    /** @param frame a {@code Frame}, or the shared bytes of one push ({@code SharedFrame.Write}) */
    private static void pushNow(Channel channel, ServerSession session, Object frame) {
        channel.writeAndFlush(frame).addListener(written -> {
            if (!written.isSuccess()) {
                LOG.debug("Could not notify {}: {}", session.describe(), written.cause().getMessage());
            }
        });
    }

    /** The most bytes sent to one client and not yet taken by it, held in the server's memory. */
    public long largestUnwrittenBacklog() {
        return lanes.values().stream().mapToLong(lane -> lane.out().unwrittenBytes()).max().orElse(0);
    }

    /** Sessions waiting for their client to read what they sent (a slow link, or a client that stopped reading). */
    public int sessionsWaitingForClients() {
        return workers.waitingForClients();
    }

    /** The most answers queued to stream back to one client (see {@link ServerSession#MAX_QUEUED_ANSWERS}). */
    public int largestAnswerQueue() {
        return sessions.values().stream().mapToInt(ServerSession::queuedAnswers).max().orElse(0);
    }

    public int pendingRequests() {
        return sessions.values().stream().mapToInt(s -> s.connection().pendingCount()).sum();
    }

    /** The handler that holds connections to the handshake's deadline and limits (server decoders, before inflating). */
    HandshakeGuard handshakeGuard() {
        return handshakes;
    }

    private boolean isAuthenticated(Channel channel) {
        ServerSession session = sessions.get(channel);
        return session != null && session.isAuthenticated();
    }

    public int connectedClients() {
        return (int) sessions.values().stream().filter(ServerSession::isAuthenticated).count();
    }
}
