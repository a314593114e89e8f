package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import dev.deltasync.wire.Busy;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.MessageCodec;

/**
 * The guard's door when it is full: a connection past the limits is told {@link Busy} with when to come back, then
 * closed; the refused are given return times one after the other at the pace a slot frees (the handshake time over
 * the door's slots), so they do not come back together. On the base the guard closed such a connection without a
 * word: every assertion on a Busy frame below fails there.
 */
class HandshakeGuardBusyTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final BusyPacing pacing = new BusyPacing(clock::get);

    private HandshakeGuard guard(int inAll, int perAddress) {
        return new HandshakeGuard(new HandshakeGuard.Limits(10_000, inAll, perAddress), channel -> false, pacing);
    }

    @Test
    void theDoorTakesAtMostAQuarterOfTheOpenFileLimit() {
        assertThat(HandshakeGuard.Limits.withinFileLimit(512, 1024)).isEqualTo(256);
        assertThat(HandshakeGuard.Limits.withinFileLimit(512, 65_536)).isEqualTo(512);
        assertThat(HandshakeGuard.Limits.withinFileLimit(512, -1)).as("limit unknown").isEqualTo(512);
        assertThat(HandshakeGuard.Limits.withinFileLimit(512, 2)).isEqualTo(1);
    }

    @Test
    void aConnectionPastThePerAddressLimitIsToldBusyWithASpreadDelayAndClosed() {
        HandshakeGuard guard = guard(4, 2);
        List<EmbeddedChannel> admitted = List.of(new EmbeddedChannel(guard), new EmbeddedChannel(guard));
        assertThat(admitted).allSatisfy(channel -> {
            assertThat(channel.isOpen()).isTrue();
            assertThat((Object) channel.readOutbound()).as("an admitted connection is told nothing").isNull();
        });

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            EmbeddedChannel refused = new EmbeddedChannel(guard);
            Busy busy = busyAnswerOf(refused);
            assertThat(refused.isOpen()).as("closed once told").isFalse();
            delays.add(busy.retryAfterMs());
        }

        // before any handshake completed: the first guess (200 ms) over 2 slots, one slot per refusal
        assertThat(delays).containsExactly(100L, 200L, 300L, 400L, 500L);
        assertThat(guard.busySent()).isEqualTo(5);
        assertThat(guard.waiting()).as("the refused hold no place").isEqualTo(2);
    }

    @Test
    void thePaceFollowsTheHandshakesTheServerSeesComplete() {
        HandshakeGuard guard = guard(2, 1);
        EmbeddedChannel first = new EmbeddedChannel(guard);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(2)); // this handshake took 2 s
        guard.authenticated(first);
        EmbeddedChannel second = new EmbeddedChannel(guard);

        long delay = busyAnswerOf(new EmbeddedChannel(guard)).retryAfterMs();
        long next = busyAnswerOf(new EmbeddedChannel(guard)).retryAfterMs();

        assertThat(second.isOpen()).isTrue();
        assertThat(delay).as("one slot of a 2 s handshake").isEqualTo(2_000);
        assertThat(next).isEqualTo(4_000);
    }

    @Test
    void theLimitInAllAlsoAnswersBusyAndTheWaitNeverPassesTheLongest() {
        HandshakeGuard guard = guard(1, 1_000);
        new EmbeddedChannel(guard);
        long longest = 0;
        for (int i = 0; i < 400; i++) { // 400 slots of 200 ms: 80 s, past the longest wait
            longest = Math.max(longest, busyAnswerOf(new EmbeddedChannel(guard)).retryAfterMs());
        }
        assertThat(longest).isBetween(BusyPacing.MAX_DELAY_MS / 2, BusyPacing.MAX_DELAY_MS);
    }

    @Test
    void aRefusedAddressIsForgottenOnceNoneWaitFromIt() {
        HandshakeGuard guard = guard(2, 1);
        EmbeddedChannel admitted = new EmbeddedChannel(guard);
        busyAnswerOf(new EmbeddedChannel(guard));
        admitted.close();

        EmbeddedChannel next = new EmbeddedChannel(guard);

        assertThat(next.isOpen()).isTrue();
        assertThat((Object) next.readOutbound()).isNull();
    }

    /**
     * Clients behind one address (a NAT, or the load bench) after a restart: the limit per address binds only once
     * half the door is taken, so one address may use the free half, and never more. On the base the third connection
     * here was refused (2 per address).
     */
    @Test
    void oneAddressMayTakeTheFreeHalfOfTheDoorButNoMore() {
        HandshakeGuard guard = guard(16, 2);
        List<EmbeddedChannel> fromOne = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fromOne.add(new EmbeddedChannel(guard));
        }
        assertThat(fromOne).allSatisfy(channel -> {
            assertThat(channel.isOpen()).isTrue();
            assertThat((Object) channel.readOutbound()).as("admitted while the door is at most half full").isNull();
        });

        EmbeddedChannel ninth = new EmbeddedChannel(guard);

        assertThat(busyAnswerOf(ninth).reason()).contains("8 connections from this address");
        assertThat(ninth.isOpen()).isFalse();
        assertThat(guard.waiting()).isEqualTo(8);
    }

    /** Past half the door, every other address still finds its own places: one address cannot take them. */
    @Test
    void pastHalfTheDoorAnotherAddressStillHasItsPlaces() throws Exception {
        HandshakeGuard guard = guard(16, 2);
        for (int i = 0; i < 12; i++) {
            new EmbeddedChannel(guard); // 8 admitted, 4 told busy
        }
        InetSocketAddress other = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 40_000);

        List<EmbeddedChannel> fromOther = List.of(from(other, guard), from(other, guard));
        EmbeddedChannel third = from(other, guard);

        assertThat(fromOther).allSatisfy(channel -> assertThat((Object) channel.readOutbound()).isNull());
        assertThat(busyAnswerOf(third)).as("its own limit binds: the door is half full").isNotNull();
        assertThat(guard.waiting()).isEqualTo(10);
    }

    private static EmbeddedChannel from(InetSocketAddress remote, HandshakeGuard guard) {
        return new EmbeddedChannel(guard) {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
    }

    private static Busy busyAnswerOf(EmbeddedChannel channel) {
        Object written = channel.readOutbound();
        assertThat(written).as("the frame written to a refused connection").isInstanceOf(Frame.class);
        Message message = MessageCodec.decode((Frame) written);
        assertThat(message).isInstanceOf(Busy.class);
        assertThat(((Frame) written).requestId()).as("not an answer to any request").isZero();
        return (Busy) message;
    }
}
