package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The reconnect delays: exponential with full jitter up to the ceiling, and a lower ceiling after a connect that
 * nothing listening refused (that costs the server nothing, and a restarted server is found sooner). On the base
 * every failure climbed to the same ceiling: the capped assertions fail there.
 */
class BackoffTest {

    @Test
    void delaysClimbToTheCeilingWithJitter() {
        Backoff backoff = new Backoff(500, 30_000);
        long most = 0;
        for (int i = 0; i < 40; i++) {
            long delay = backoff.nextDelayMs();
            assertThat(delay).isBetween(500L, 30_000L);
            most = Math.max(most, delay);
        }
        assertThat(backoff.attempts()).isEqualTo(40);
        assertThat(most).as("40 draws near the top of 0.5..30 s").isGreaterThan(15_000);
        backoff.reset();
        assertThat(backoff.attempts()).isZero();
        assertThat(backoff.nextDelayMs()).isBetween(500L, 1_000L);
    }

    @Test
    void aCapLowersTheCeilingButStillCountsTheFailure() {
        Backoff backoff = new Backoff(500, 30_000);
        for (int i = 0; i < 40; i++) {
            assertThat(backoff.nextDelayMs(4_000)).isBetween(500L, 4_000L);
        }
        assertThat(backoff.attempts()).isEqualTo(40);
        assertThat(backoff.nextDelayMs()).as("a failed handshake next: the whole ceiling again")
                .isBetween(500L, 30_000L);
        assertThat(new Backoff(500, 2_000).nextDelayMs(4_000)).as("never above the configured ceiling")
                .isBetween(500L, 1_000L);
        assertThat(new Backoff(500, 30_000).nextDelayMs(100)).as("never below the first delay").isEqualTo(500L);
    }

    @Test
    void onlyARefusedConnectCountsAsNothingListening() {
        Exception refused = new RuntimeException("route failed to start",
                new ConnectException("Connection refused: /127.0.0.1:7070"));
        Exception timedOut = new RuntimeException("route failed to start",
                new ConnectTimeoutException("connection timed out: /10.0.0.1:7070"));

        assertThat(ClientLink.nothingListens(refused)).isTrue();
        assertThat(ClientLink.nothingListens(timedOut)).isFalse();
        assertThat(ClientLink.nothingListens(new java.net.NoRouteToHostException("No route to host"))).isFalse();
    }
}
