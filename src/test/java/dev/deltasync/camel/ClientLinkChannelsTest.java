package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import dev.deltasync.rpc.Connection;
import dev.deltasync.rpc.PendingReply;

/**
 * A channel that opens while the previous one's close is still draining its queued frames: the previous
 * connection's waiting requests fail at once. Before, the drained close found another channel current and
 * returned, so those requests waited out their timeouts and held the cycle that made them (seen as clients stuck
 * in a first cycle after a reconnect storm of a thousand clients).
 */
class ClientLinkChannelsTest {

    private final ClientLink link = new ClientLink(
            new ClientSettings("127.0.0.1", 1, "client", "secret", 1 << 20, 5000, 10, 40, 10_000, false), null);

    @Test
    void aNewChannelFailsTheRequestsStillWaitingOnThePreviousConnection() {
        link.opened(new EmbeddedChannel());
        Connection previous = link.connection();
        PendingReply waiting = previous.expect(previous.newRequestId(), null);

        link.opened(new EmbeddedChannel());

        assertThat(link.connection()).isNotSameAs(previous);
        assertThat(previous.isClosed()).isTrue();
        assertThatThrownBy(() -> waiting.await(1)).isInstanceOf(IOException.class)
                .hasMessageContaining("connection to the server was lost");
    }
}
