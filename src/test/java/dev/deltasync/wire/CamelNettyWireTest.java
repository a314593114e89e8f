package dev.deltasync.wire;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The codec lists plugged into real camel-netty endpoints, as the routes will use them. */
class CamelNettyWireTest extends CamelTestSupport {

    private static final int MAX = WireLimits.MIN_MAX_FRAME;
    private final int port = AvailablePortFinder.getNextAvailable();
    private final ByteCounter serverBytes = new ByteCounter();

    @BindToRegistry("wireEncoders")
    List<?> encoders() {
        return WireCodecs.encoders(MAX, serverBytes);
    }

    @BindToRegistry("wireDecoders")
    List<?> decoders() {
        return WireCodecs.decoders(MAX, serverBytes);
    }

    private String wireUri() {
        return "netty:tcp://127.0.0.1:" + port + "?sync=true&encoders=#wireEncoders&decoders=#wireDecoders"
                + "&requestTimeout=5000";
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(CamelNettyWireTest.this.wireUri()).process(exchange -> {
                    Frame request = exchange.getIn().getBody(Frame.class);
                    Message message = MessageCodec.decode(request);
                    Message reply = message instanceof Heartbeat h ? new Heartbeat(h.sentAtMillis() + 1) : new Ack();
                    exchange.getMessage().setBody(MessageCodec.encode(reply, request.requestId()));
                });
            }
        };
    }

    @Test
    void requestAndReplyCrossARealSocket() {
        Frame reply = template.requestBody(wireUri(), MessageCodec.encode(new Heartbeat(41), 12), Frame.class);

        assertThat(reply.requestId()).isEqualTo(12);
        assertThat(MessageCodec.decode(reply)).isEqualTo(new Heartbeat(42));
        assertThat(serverBytes.sent()).isPositive();
        assertThat(serverBytes.received()).isPositive();
    }

    @Test
    void unicodeManifestCrossesARealSocket() {
        Frame reply = template.requestBody(wireUri(),
                MessageCodec.encode(new ManifestChunk(SampleMessages.entries(), true), 3), Frame.class);

        assertThat(MessageCodec.decode(reply)).isEqualTo(new Ack());
    }

    @Test
    void oversizedFrameIsRefusedBeforeItLeaves() {
        Frame tooBig = MessageCodec.encode(new Data(new byte[MAX]), 1);

        assertThatThrownBy(() -> template.requestBody(wireUri(), tooBig, Frame.class))
                .isInstanceOf(CamelExecutionException.class)
                .satisfies(e -> assertThat(ProtocolErrorHandler.findProtocolException(e)).isNotNull()
                        .hasMessageContaining("refusing to send"));
    }
}
