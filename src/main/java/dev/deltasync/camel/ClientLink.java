package dev.deltasync.camel;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.AttributeKey;
import org.apache.camel.component.netty.NettyWorkerPoolBuilder;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.client.PushedChanges;
import dev.deltasync.rpc.Connection;
import dev.deltasync.rpc.Requests;
import dev.deltasync.rpc.RemoteException;
import dev.deltasync.wire.Authenticator;
import dev.deltasync.wire.Busy;
import dev.deltasync.wire.Challenge;
import dev.deltasync.wire.Changed;
import dev.deltasync.wire.ClientHandshake;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.Heartbeat;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.ProtocolVersion;
import dev.deltasync.wire.Refused;

/**
 * The client's connection to its server: starts the client-mode netty route, reconnects with
 * exponential backoff and jitter when it fails or drops, authenticates on every new channel, sends
 * heartbeats and closes a channel whose server went silent. Pushes from the server wake the sync.
 * It has the lifecycle of the Camel context it is added to ({@link #service}): it connects when the context
 * starts and hangs up when it stops; its timers run on a scheduler of that context.
 */
public final class ClientLink implements ChannelEvents.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ClientLink.class);
    static final String ROUTE_ID = "client-connection";
    /** The wait a server asked for on this channel before closing it ({@link Busy}). */
    private static final AttributeKey<Long> TOLD_BUSY = AttributeKey.valueOf("deltasync.told-busy");
    /**
     * The longest wait after a connect that nothing listening refused (below reconnect-max-ms): such a refusal costs
     * the server nothing, and a restarted server is found within it. In the reconnect storm of 300 clients, p99 19 s
     * with the 30 s ceiling, 14 s with this one (docs/bench.md).
     */
    static final long NOTHING_LISTENS_MAX_MS = 4_000;

    private final ClientSettings settings;
    private final PeerThreads threads;
    private volatile ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final Object readyLock = new Object();
    private volatile CamelContext camel;
    private volatile Channel channel;
    private volatile Connection connection;
    private volatile ServerInfo ready;
    private volatile String fatal;
    private volatile String lastProblem = "";
    private volatile boolean stopping;
    private volatile long lastHeard;
    private volatile Runnable onReady = () -> { };
    private final ReadThrottle throttle = new ReadThrottle();
    /** The manifest steps and small contents the server pushed, until cycles take them. */
    private final PushedChanges pushes = new PushedChanges();
    /**
     * The event loop of every channel the link opens, for the link's lifetime: without it camel-netty makes a group
     * of worker threads and selectors for each start of the route, that is for each attempt to reconnect, and a
     * thousand clients retrying a server that restarts started ~130 threads a second.
     */
    private final EventLoopGroup eventLoop = new NettyWorkerPoolBuilder().withName("deltasync-link-io")
            .withWorkerCount(1).build();
    private final AtomicLong connectAttempts = new AtomicLong();
    private final AtomicLong busyAnswers = new AtomicLong();

    public ClientLink(ClientSettings settings, PeerThreads threads) {
        this.settings = settings;
        this.threads = threads;
        this.backoff = new Backoff(settings.reconnectMinMs(), settings.reconnectMaxMs());
    }

    void onReady(Runnable action) {
        this.onReady = action;
    }

    /** The link as a service of {@code context}: connected while the context runs. */
    ContextService service(CamelContext context) {
        return new ContextService("deltasync client link", () -> start(context), this::stop);
    }

    private void start(CamelContext context) {
        this.camel = context;
        stopping = false;
        scheduler = threads.scheduler(this, "deltasync-link");
        scheduler.execute(this::connect);
        long beat = settings.heartbeatMs();
        scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopping = true;
        threads.shutdownNow(scheduler);
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    /** The event loop the client route's channels run on (its {@code workerGroup}). */
    EventLoopGroup eventLoop() {
        return eventLoop;
    }

    /** Ends the link's event loop; the link cannot connect again. */
    void close() {
        stop();
        eventLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    /** How many times the link has tried to connect (the first time included). */
    long connectAttempts() {
        return connectAttempts.get();
    }

    /** How many times the server said it was busy and when to come back. */
    long busyAnswers() {
        return busyAnswers.get();
    }

    /** Failures in a row the backoff has counted since the last successful handshake. */
    int failuresCounted() {
        return backoff.attempts();
    }

    /** The authenticated server, waiting up to {@code timeoutMs}; null if not connected by then. */
    ServerInfo awaitReady(long timeoutMs) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (readyLock) {
            while (ready == null && fatal == null) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                try {
                    readyLock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        if (fatal != null) {
            throw new RemoteException(ErrorCodes.AUTH, fatal);
        }
        return ready;
    }

    ServerInfo current() {
        return ready;
    }

    /** The connection of the channel opened last (null before the first). */
    Connection connection() {
        return connection;
    }

    /** Why the last attempt to connect failed, in words for the user ("" when none failed). */
    String lastProblem() {
        return lastProblem;
    }

    private void connect() {
        if (stopping || fatal != null) {
            return;
        }
        Channel current = channel;
        if (current != null && current.isActive()) {
            return;
        }
        connectAttempts.incrementAndGet();
        try {
            // The consumer's start connects (and throws when it cannot); a stopped route restarts cleanly.
            camel.getRouteController().stopRoute(ROUTE_ID, 2, TimeUnit.SECONDS);
            camel.getRouteController().startRoute(ROUTE_ID);
        } catch (Exception e) {
            long delay = nothingListens(e) ? backoff.nextDelayMs(NOTHING_LISTENS_MAX_MS) : backoff.nextDelayMs();
            lastProblem = rootMessage(e);
            LOG.warn("Cannot reach the server at {}:{} ({}); retrying in {} ms", settings.host(), settings.port(),
                    lastProblem, delay);
            schedule(this::connect, delay);
        }
    }

    @Override
    public void opened(Channel ch) {
        Connection previous;
        synchronized (readyLock) {
            channel = ch;
            previous = connection;
            if (ready != null && ready.connection() == previous) {
                ready = null;
            }
        }
        if (previous != null && !previous.isClosed()) {
            // The old channel's close has not finished (it waits for its queued frames to drain), and once this one
            // is current it never will: its waiting requests would wait out their timeouts, holding a cycle for minutes.
            previous.closed("the connection to the server was lost");
        }
        lastHeard = System.currentTimeMillis();
        Connection fresh = new Connection(new NettyFrameSink(ch), this::onPush, 1);
        connection = fresh;
        schedule(() -> handshake(ch, fresh), 0);
    }

    @Override
    public void heard(Channel ch) {
        lastHeard = System.currentTimeMillis();
    }

    @Override
    public void queued(Channel ch, Frame frame) {
        throttle.read(ch, frame.payload().length);
    }

    @Override
    public void closed(Channel ch) {
        if (ch != channel) {
            return;
        }
        if (shuttingDown()) {
            finishClose(ch);
        } else {
            // what the server sent before the drop is still queued: a cut download keeps it to resume from
            throttle.whenDrained(ch, () -> finishClose(ch), scheduler, ReadThrottle.DRAIN_FALLBACK_MS);
        }
    }

    private void finishClose(Channel ch) {
        synchronized (readyLock) {
            if (ch != channel) {
                return; // finished already
            }
            channel = null;
        }
        throttle.closed(ch);
        boolean wasReady = ready != null;
        ready = null;
        Connection c = connection;
        if (c != null) {
            c.closed("the connection to the server was lost");
        }
        if (shuttingDown()) {
            if (wasReady) {
                LOG.info("Stopped: disconnected from the server");
            }
            return;
        }
        if (fatal == null) {
            Long busy = ch.attr(TOLD_BUSY).get();
            long delay;
            if (busy != null) {
                // the server said when: not a failure, so the backoff stays where it was
                delay = busy + ThreadLocalRandom.current().nextLong(busy / 8 + 50);
                lastProblem = "the server was busy";
                LOG.info("Server {}:{} busy, retrying in {} s", settings.host(), settings.port(),
                        String.format(java.util.Locale.ROOT, "%.1f", delay / 1000.0));
            } else {
                delay = backoff.nextDelayMs();
                if (wasReady) {
                    LOG.warn("Lost the connection to the server; reconnecting in {} ms", delay);
                }
            }
            schedule(this::connect, delay);
        }
    }

    /** This client is stopping (its own stop, or its Camel context's shutdown closing the route's channel). */
    private boolean shuttingDown() {
        CamelContext context = camel;
        return stopping || context != null && (context.isStopping() || context.isStopped());
    }

    /** Called by the client route for every frame from the server. */
    public void onFrame(Exchange exchange) throws Exception {
        Frame frame = exchange.getIn().getMandatoryBody(Frame.class);
        Connection c = connection;
        Channel ch = channel;
        try {
            if (c != null) {
                c.onFrame(frame);
            }
        } catch (Exception e) {
            LOG.warn("Closing the connection to the server: {}", e.getMessage());
            if (ch != null) {
                ch.close();
            }
        } finally {
            if (ch != null) {
                throttle.processed(ch, frame.payload().length);
            }
        }
    }

    private void onPush(int id, Message message) {
        if (message instanceof Changed changed && ready != null) {
            if (changed.step() != null) {
                pushes.offer(changed.step());
            }
            onReady.run();
        } else if (message instanceof Busy busy && ready == null) {
            Channel ch = channel;
            if (ch != null) {
                busyAnswers.incrementAndGet();
                LOG.debug("The server is busy ({}) and asks us to come back in {} ms", busy.reason(), busy.retryAfterMs());
                // an unauthenticated peer says this: a longer wait than any server asks for is not taken
                ch.attr(TOLD_BUSY).set(Math.min(busy.retryAfterMs(), Busy.MAX_RETRY_AFTER_MS));
                ch.close();
            }
        } else if (message instanceof Refused refused) {
            fail("the server refused us: " + refused.reason());
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }
    }

    private void handshake(Channel ch, Connection c) {
        try {
            ClientHandshake handshake = new ClientHandshake(new Authenticator(settings.secret()), settings.clientId());
            Message answer;
            try {
                answer = new Requests(c, settings.handshakeTimeoutMs()).call(handshake.hello());
            } catch (RemoteException e) {
                throw e;
            } catch (IOException e) {
                if (ch.attr(TOLD_BUSY).get() != null) {
                    return; // it closed on purpose; finishClose comes back when it asked
                }
                if (!settings.tls() && TlsProbe.speaksTls(settings.host(), settings.port(),
                        (int) Math.min(settings.handshakeTimeoutMs(), 5000))) {
                    throw new IOException("the server uses TLS and this client does not (a TLS mismatch): give --tls"
                            + " here too, and --tls-truststore holding the server's certificate", e);
                }
                // a version-1 server reads our first bytes as an absurd frame length and hangs up at once
                throw new IOException("the server did not answer our Hello (" + e.getMessage()
                        + "): if it uses TLS, give --tls and --tls-truststore here too; otherwise it may be a"
                        + " deltasync of another version (this one speaks protocol " + ProtocolVersion.CURRENT
                        + ") or another service on that port", e);
            }
            if (!(answer instanceof Challenge challenge)) {
                throw new IOException("the server answered " + answer + " to our Hello");
            }
            Message auth = handshake.onChallenge(challenge);
            if (auth instanceof Refused refused) {
                fail(refused.reason());
                c.send(c.newRequestId(), refused); // so the server's log says why too
                ch.close();
                return;
            }
            // no answer comes unless the server refuses (see onPush); the first request may follow at once
            new Requests(c, settings.handshakeTimeoutMs()).tell(auth);
            c.negotiated(Math.min(handshake.maxFrame(), settings.maxFrame()));
            backoff.reset();
            LOG.info("Connected to server {} at {}:{} (mode {})", handshake.serverId(), settings.host(),
                    settings.port(), handshake.mode().number());
            synchronized (readyLock) {
                ready = new ServerInfo(handshake.serverId(), handshake.mode(), c, handshake.serverResumes(), pushes,
                        handshake.serverSettlesManifests(), handshake.serverServesCachedBases());
                readyLock.notifyAll();
            }
            onReady.run();
        } catch (RemoteException e) {
            if (e.code() == ErrorCodes.AUTH || e.code() == ErrorCodes.VERSION) {
                fail("the server refused us: " + e.getMessage());
            } else {
                lastProblem = e.getMessage();
                LOG.warn("Handshake with the server failed: {}", e.getMessage());
            }
            ch.close();
        } catch (IOException | RuntimeException e) {
            lastProblem = e.getMessage();
            LOG.warn("Handshake with the server failed: {}", e.getMessage());
            ch.close();
        }
    }

    private void fail(String reason) {
        LOG.error("Cannot sync with {}:{}: {}", settings.host(), settings.port(), reason);
        synchronized (readyLock) {
            fatal = reason;
            readyLock.notifyAll();
        }
    }

    private void heartbeat() {
        Channel ch = channel;
        Connection c = connection;
        if (ch == null || c == null || ready == null) {
            return;
        }
        // the server answers heartbeats on its I/O thread, so even a server busy with a long request is heard
        if (System.currentTimeMillis() - lastHeard > 4 * settings.heartbeatMs()) {
            LOG.warn("The server has been silent for {} ms; reconnecting", System.currentTimeMillis() - lastHeard);
            ch.close();
            return;
        }
        try {
            c.send(0, new Heartbeat(System.currentTimeMillis()));
        } catch (RuntimeException e) {
            ch.close();
        }
    }

    /** Runs {@code task} on the link's scheduler, unless the link stopped meanwhile. */
    private void schedule(Runnable task, long delayMs) {
        ScheduledExecutorService s = scheduler;
        if (s != null && !stopping) {
            try {
                s.schedule(task, delayMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                LOG.debug("The link stopped; not running {}", task);
            }
        }
    }

    /** A refused TCP connect: the host answered that nothing listens on the port (not a timeout, not unreachable). */
    static boolean nothingListens(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof java.net.ConnectException && !(t instanceof io.netty.channel.ConnectTimeoutException);
    }

    private String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof java.net.UnknownHostException) {
            return "cannot find host " + settings.host() + " (check --host)";
        }
        if (t instanceof java.net.ConnectException) {
            return "nothing listens there (is the server running, and on this --port?)";
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return "the TLS handshake failed (" + t.getMessage() + "): does the server use --tls too, and does"
                    + " --tls-truststore hold its certificate?";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
