package dev.deltasync.camel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.wire.Busy;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.MessageCodec;
import dev.deltasync.wire.MessageType;

/**
 * The server's door before authentication. A connection has {@link Limits#deadlineMs} from accept to a successful
 * Auth; until it has sent its Auth it may send nothing but Hello and Auth (a Heartbeat is dropped and keeps nothing
 * alive, anything else closes it); and only so many connections may wait for authentication at once, in all and from
 * one address (more are told {@link Busy} with when to come back, and closed at once: {@link BusyPacing}). A flood of
 * connections without the secret thus holds a bounded number of sockets for a bounded time, and clients that
 * authenticated are not touched. Sits right after the frame decoder, before anything inflates or queues a frame.
 * <p>
 * The limit per address keeps one address from taking the door from the others, so it only binds once the door is
 * half full: until then one address may use the free half (clients behind one NAT after a restart come in at the
 * door's pace instead of 32 at a time), and past it every other address still finds the other half. The bound in all
 * is what bounds the server's resources; it holds either way.
 */
@Sharable
final class HandshakeGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeGuard.class);
    private static final AttributeKey<Waiting> WAITING = AttributeKey.valueOf("deltasync.handshake");
    private static final long LOG_EVERY_NS = TimeUnit.SECONDS.toNanos(10);

    /**
     * @param deadlineMs            from accept to a successful Auth
     * @param maxWaiting            connections waiting for authentication at once, in all
     * @param maxWaitingPerAddress  of them from one source address
     */
    record Limits(long deadlineMs, int maxWaiting, int maxWaitingPerAddress) {
        Limits {
            if (deadlineMs <= 0 || maxWaiting <= 0 || maxWaitingPerAddress <= 0) {
                throw new IllegalArgumentException("handshake limits must be positive: " + deadlineMs + " ms, "
                        + maxWaiting + " in all, " + maxWaitingPerAddress + " per address");
            }
        }

        static Limits of(Settings settings) {
            return new Limits(settings.number("handshake-timeout-ms", 10_000),
                    withinFileLimit((int) settings.number("max-unauthenticated", 512), maxOpenFiles()),
                    (int) settings.number("max-unauthenticated-per-address", 32));
        }

        /**
         * The door never takes more than a quarter of the process's file descriptors: the rest serve the clients'
         * files, and the sockets of connections told {@link Busy} until they close (a flood on a loaded machine).
         */
        static int withinFileLimit(int maxWaiting, long maxOpenFiles) {
            return maxOpenFiles <= 0 ? maxWaiting : (int) Math.max(1, Math.min(maxWaiting, maxOpenFiles / 4));
        }

        private static long maxOpenFiles() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
        }
    }

    /** One connection not authenticated yet. */
    private static final class Waiting {
        final InetAddress address;
        final long acceptedAt;
        volatile boolean authSent;
        volatile ScheduledFuture<?> deadline;

        Waiting(InetAddress address, long acceptedAt) {
            this.address = address;
            this.acceptedAt = acceptedAt;
        }
    }

    /** The connections waiting from one address, and the last return time told to one refused from there. */
    private static final class FromAddress {
        int waiting;
        long horizon;

        FromAddress(long now) {
            this.horizon = now;
        }
    }

    /** Why a connection may not wait for authentication (told it; the log adds {@code more}), and when to come back. */
    record Refusal(String reason, long retryAfterMs, String more) {
    }

    private final Limits limits;
    private final Predicate<Channel> authenticated;
    /**
     * Open connections not (yet) authenticated, refused ones still closing included: each holds a file descriptor.
     * Past the cap plus a margin the server stops accepting (the kernel's backlog holds the rest) until they are
     * gone, so a flood faster than closes cannot exhaust the descriptors.
     */
    private final AtomicInteger unsettled = new AtomicInteger();
    private static final int PAUSE_MARGIN = 64;
    private static final AttributeKey<Boolean> UNSETTLED = AttributeKey.valueOf("deltasync.unsettled");
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<InetAddress, FromAddress> waitingFrom = new ConcurrentHashMap<>();
    private final BusyPacing pacing;
    /** The last return time told to a connection refused because too many wait in all. */
    private final AtomicLong horizon;
    private final LongAdder busySent = new LongAdder();
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
    private final AtomicInteger unreported = new AtomicInteger();

    /** @param authenticated whether a channel's session has authenticated (checked again at the deadline) */
    HandshakeGuard(Limits limits, Predicate<Channel> authenticated) {
        this(limits, authenticated, new BusyPacing(System::nanoTime));
    }

    HandshakeGuard(Limits limits, Predicate<Channel> authenticated, BusyPacing pacing) {
        this.limits = limits;
        this.authenticated = authenticated;
        this.pacing = pacing;
        this.horizon = new AtomicLong(pacing.now());
    }

    /** Connections told the server is busy, since it started. */
    long busySent() {
        return busySent.sum();
    }

    /** Connections waiting for authentication now. */
    int waiting() {
        return waiting.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        Channel channel = ctx.channel();
        channel.attr(UNSETTLED).set(Boolean.TRUE);
        if (unsettled.incrementAndGet() >= limits.maxWaiting() + PAUSE_MARGIN) {
            accepting(channel, false);
        }
        InetAddress address = addressOf(channel.remoteAddress());
        Refusal refusal = admit(address);
        super.channelActive(ctx);
        if (refusal != null) {
            busySent.increment();
            warnSometimes("Refused a connection from " + address.getHostAddress() + ": " + refusal.reason()
                    + refusal.more() + "; told it to retry in " + refusal.retryAfterMs() + " ms");
            tellBusy(ctx, new Busy(refusal.retryAfterMs(), refusal.reason()));
            return;
        }
        Waiting entry = new Waiting(address, pacing.now());
        channel.attr(WAITING).set(entry);
        entry.deadline = ctx.executor().schedule(() -> expire(channel), limits.deadlineMs(), TimeUnit.MILLISECONDS);
    }

    /**
     * Writes {@code busy} and closes. It goes before the Hello is read, so nothing waits for the peer; over TLS once
     * the TLS handshake is done (bounded by its own timeout), and a failed one just closes.
     */
    private static void tellBusy(ChannelHandlerContext ctx, Busy busy) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null || tls.handshakeFuture().isDone()) {
            // the encoders sit before this handler in the pipeline: they frame it
            ctx.writeAndFlush(MessageCodec.encode(busy, 0)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        tls.handshakeFuture().addListener(done -> {
            if (done.isSuccess()) {
                ctx.writeAndFlush(MessageCodec.encode(busy, 0)).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        Waiting entry = ctx.channel().attr(WAITING).get();
        if (entry != null && !entry.authSent && msg instanceof Frame frame) {
            if (frame.type() == MessageType.AUTH.code()) {
                entry.authSent = true; // what follows the Auth is the session's to judge, once it verified the proof
            } else if (frame.type() == MessageType.HEARTBEAT.code()) {
                return;
            } else if (frame.type() != MessageType.HELLO.code()) {
                warnSometimes("Closed the connection from " + entry.address.getHostAddress() + ": it sent a frame of "
                        + "type " + frame.type() + " before authenticating");
                ctx.close();
                return;
            }
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        leave(ctx.channel());
        settle(ctx.channel());
        super.channelInactive(ctx);
    }

    /** The channel's session authenticated: it no longer counts against the limits. */
    void authenticated(Channel channel) {
        Waiting entry = channel.attr(WAITING).get();
        if (entry != null) {
            pacing.handshakeTook(pacing.now() - entry.acceptedAt);
            leave(channel);
        }
        settle(channel);
    }

    private void settle(Channel channel) {
        if (channel.attr(UNSETTLED).getAndSet(null) != null && unsettled.decrementAndGet() < limits.maxWaiting()) {
            accepting(channel, true);
        }
    }

    private static void accepting(Channel channel, boolean on) {
        Channel server = channel.parent();
        if (server != null && server.config().isAutoRead() != on) {
            server.config().setAutoRead(on);
        }
    }

    private void expire(Channel channel) {
        if (channel.attr(WAITING).get() == null || authenticated.test(channel)) {
            leave(channel);
            return;
        }
        warnSometimes("Closed the connection from " + addressOf(channel.remoteAddress()).getHostAddress()
                + ": it did not authenticate within " + limits.deadlineMs() + " ms (deltasync.handshake-timeout-ms)");
        channel.close();
    }

    /** Counts a new connection in, or says why it may not wait for authentication and when to come back. */
    private Refusal admit(InetAddress address) {
        int inAll = waiting.incrementAndGet();
        if (inAll > limits.maxWaiting()) {
            waiting.decrementAndGet();
            long slot = pacing.nextSlot(horizon.get(), limits.maxWaiting());
            horizon.accumulateAndGet(slot, BusyPacing::horizonAfter);
            return new Refusal(limits.maxWaiting() + " connections waiting for authentication "
                    + "(deltasync.max-unauthenticated)", pacing.delayMs(slot), "");
        }
        boolean[] full = {false};
        long[] slot = {0};
        int[] fromHere = {0};
        waitingFrom.compute(address, (a, from) -> {
            FromAddress door = from == null ? new FromAddress(pacing.now()) : from;
            full[0] = door.waiting >= limits.maxWaitingPerAddress() && inAll > limits.maxWaiting() / 2;
            fromHere[0] = door.waiting;
            if (full[0]) {
                // its places free at the pace of the handshakes it has in flight, however many it was let have
                slot[0] = pacing.nextSlot(door.horizon, Math.max(door.waiting, limits.maxWaitingPerAddress()));
                door.horizon = BusyPacing.horizonAfter(door.horizon, slot[0]);
                return door;
            }
            door.waiting++;
            return door;
        });
        if (full[0]) {
            waiting.decrementAndGet();
            // the reason travels in the Busy frame, which stays under 128 bytes
            return new Refusal(fromHere[0] + " connections from this address waiting for authentication "
                    + "(deltasync.max-unauthenticated-per-address)", pacing.delayMs(slot[0]), ", " + (inAll - 1)
                    + " in all; an address may have more than " + limits.maxWaitingPerAddress()
                    + " only while fewer than " + (limits.maxWaiting() / 2) + " wait in all");
        }
        return null;
    }

    private void leave(Channel channel) {
        Waiting entry = channel.attr(WAITING).getAndSet(null);
        if (entry == null) {
            return;
        }
        ScheduledFuture<?> deadline = entry.deadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        waiting.decrementAndGet();
        waitingFrom.computeIfPresent(entry.address, (a, door) -> {
            door.waiting--;
            return door.waiting <= 0 ? null : door; // an address with none waiting is refused nothing: no door to keep
        });
    }

    /** A flood must not flood the log too: one line per 10 s, counting the ones left out. */
    private void warnSometimes(String line) {
        long now = System.nanoTime();
        long next = nextWarning.get();
        if (now - next >= 0 && nextWarning.compareAndSet(next, now + LOG_EVERY_NS)) {
            int more = unreported.getAndSet(0);
            LOG.warn("{}{}", line, more == 0 ? "" : " (and " + more + " more refused or closed before authenticating "
                    + "in the last 10 s)");
        } else {
            unreported.incrementAndGet();
        }
    }

    private static InetAddress addressOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }
}
