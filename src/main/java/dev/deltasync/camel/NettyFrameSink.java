package dev.deltasync.camel;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

import dev.deltasync.wire.Frame;
import dev.deltasync.wire.FrameSink;
import dev.deltasync.wire.StreamCompressionEncoder;

/**
 * Writes frames to a Netty channel, holding at most {@link #MAX_UNWRITTEN} bytes (plus the frame being written)
 * that the peer has not taken yet: past that, or while the channel is over its high-water mark, the writer waits
 * until half of that reached the socket (not all of it, so a fast link never runs dry while the writer reads and
 * encodes the next chunk). A slow peer slows its own transfers down instead of filling our memory.
 * The wait goes through {@code waitForPeer}, so that the server's session workers let another session work
 * meanwhile. Only a stream's writer waits that early: a short answer sent from elsewhere (an acknowledgement from the
 * session's queue or an installer) must not stall behind a stream to a slow peer, so it waits only past
 * {@link #MAX_UNWRITTEN_ANSWERS}, which a peer that never reads yet keeps asking reaches. A thread shared by every
 * peer (the server's installers) never waits for one: past that mark it closes the connection instead, so a client
 * that stops reading cannot hold up the others' uploads. Never called from the channel's event loop.
 */
final class NettyFrameSink implements FrameSink {

    /** Four stream chunks: enough to keep a fast link busy while the writer reads and encodes the next. */
    static final long MAX_UNWRITTEN = 1L << 20;
    /** What short answers sent outside a stream may add before their sender waits too. */
    static final long MAX_UNWRITTEN_ANSWERS = 4 * MAX_UNWRITTEN;

    private final Channel channel;
    private final Consumer<Runnable> waitForPeer;
    private final BooleanSupplier streaming;
    private final BooleanSupplier mayWait;
    /** Frames handed to Netty and not yet written to the socket (their Netty futures have not completed). */
    private final AtomicLong unwritten = new AtomicLong();
    /** Their futures, oldest first (completed ones are dropped as frames are sent). */
    private final Queue<ChannelFuture> pending = new ConcurrentLinkedQueue<>();

    /** A sink whose every writer just blocks while the peer catches up. */
    NettyFrameSink(Channel channel) {
        this(channel, Runnable::run, () -> true, () -> true);
    }

    /**
     * @param streaming whether the calling thread writes a stream (it waits from {@link #MAX_UNWRITTEN} on)
     * @param mayWait   whether the calling thread works for this peer alone (else it never waits for the peer)
     */
    NettyFrameSink(Channel channel, Consumer<Runnable> waitForPeer, BooleanSupplier streaming,
                   BooleanSupplier mayWait) {
        this.channel = channel;
        this.waitForPeer = waitForPeer;
        this.streaming = streaming;
        this.mayWait = mayWait;
    }

    @Override
    public void handshakeDone() {
        StreamCompressionEncoder.enable(channel);
    }

    @Override
    public void send(Frame frame) {
        if (!channel.isActive()) {
            throw new IllegalStateException("the connection to " + channel.remoteAddress() + " is closed");
        }
        long size = frame.payload().length;
        unwritten.addAndGet(size);
        ChannelFuture written = channel.writeAndFlush(frame);
        written.addListener(done -> unwritten.addAndGet(-size));
        pending.add(written);
        while (pending.peek() != null && pending.peek().isDone()) {
            pending.poll();
        }
        if (channel.eventLoop().inEventLoop()) {
            return;
        }
        // Netty counts a frame only once its encoder ran on the event loop: writability alone lets a fast writer run ahead
        if (streaming.getAsBoolean()) {
            if (unwritten.get() > MAX_UNWRITTEN || !channel.isWritable()) {
                waitForPeer.accept(() -> drainTo(MAX_UNWRITTEN / 2, true));
            }
        } else if (unwritten.get() > MAX_UNWRITTEN_ANSWERS) {
            if (!mayWait.getAsBoolean()) {
                channel.close();
                throw new IllegalStateException("closed the connection to " + channel.remoteAddress()
                        + ": it has not read " + unwritten.get() + " bytes of answers (at most "
                        + MAX_UNWRITTEN_ANSWERS + ")");
            }
            waitForPeer.accept(() -> drainTo(MAX_UNWRITTEN_ANSWERS / 2, false));
        }
    }

    /** Waits until at most {@code bytes} are unwritten (and the channel is writable, if asked), or it closed. */
    private void drainTo(long bytes, boolean untilWritable) {
        while (unwritten.get() > bytes || untilWritable && !channel.isWritable()) {
            ChannelFuture oldest = pending.poll();
            if (oldest == null) {
                return;
            }
            oldest.awaitUninterruptibly();
        }
    }

    /** Bytes of frames sent here that the peer has not taken yet (held in this process's memory). */
    long unwrittenBytes() {
        return unwritten.get();
    }
}
