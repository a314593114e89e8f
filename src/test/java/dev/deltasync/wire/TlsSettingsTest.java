package dev.deltasync.wire;

import org.apache.camel.BindToRegistry;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TLS between camel-netty endpoints with stores made by keytool, as documented in docs/wire.md. */
class TlsSettingsTest extends CamelTestSupport {

    private static final String PASSWORD = "changeit";
    private static final int MAX = WireLimits.MIN_MAX_FRAME;

    @TempDir
    static Path stores;

    private final int port = AvailablePortFinder.getNextAvailable();

    @BeforeAll
    static void makeStores() throws Exception {
        keytool("-genkeypair", "-alias", "deltasync", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "3650",
                "-keystore", path("server.p12"), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "deltasync", "-keystore", path("server.p12"), "-storepass", PASSWORD,
                "-file", path("server.crt"));
        keytool("-importcert", "-noprompt", "-alias", "deltasync", "-file", path("server.crt"),
                "-keystore", path("trust.p12"), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=other", "-validity", "3650",
                "-keystore", path("other.p12"), "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    private static String path(String name) {
        return stores.resolve(name).toString();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("keytool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }

    @BindToRegistry("wireEncoders")
    List<?> encoders() {
        return WireCodecs.encoders(MAX);
    }

    @BindToRegistry("wireDecoders")
    List<?> decoders() {
        return WireCodecs.decoders(MAX);
    }

    @BindToRegistry("serverTls")
    SSLContextParameters serverTls() {
        return new TlsSettings(true, path("server.p12"), PASSWORD, null, null).serverParameters();
    }

    @BindToRegistry("clientTls")
    SSLContextParameters clientTls() {
        return new TlsSettings(true, null, null, path("trust.p12"), PASSWORD).clientParameters();
    }

    @BindToRegistry("strangerTls")
    SSLContextParameters strangerTls() {
        // trusts only a certificate the server does not have
        return new TlsSettings(true, null, null, path("other.p12"), PASSWORD).clientParameters();
    }

    private String uri(String tlsBean) {
        return "netty:tcp://127.0.0.1:" + port + "?sync=true&ssl=true&sslContextParameters=#" + tlsBean
                + "&encoders=#wireEncoders&decoders=#wireDecoders&requestTimeout=5000";
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("serverTls")).process(exchange -> exchange.getMessage().setBody(
                        MessageCodec.encode(new Ack(), exchange.getIn().getBody(Frame.class).requestId())));
            }
        };
    }

    @Test
    void clientTrustingTheServerCertificateTalksOverTls() {
        Frame reply = template.requestBody(uri("clientTls"), MessageCodec.encode(new Heartbeat(1), 5), Frame.class);

        assertThat(MessageCodec.decode(reply)).isEqualTo(new Ack());
        assertThat(reply.requestId()).isEqualTo(5);
    }

    @Test
    void clientNotTrustingTheServerCertificateFails() {
        assertThatThrownBy(() -> template.requestBody(uri("strangerTls"), MessageCodec.encode(new Heartbeat(1), 5),
                Frame.class)).isInstanceOf(org.apache.camel.CamelExecutionException.class);
    }

    @Test
    void missingStoresAreNamedInTheError() {
        assertThatThrownBy(() -> new TlsSettings(true, path("nope.p12"), PASSWORD, null, null).serverParameters())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.p12");
        assertThatThrownBy(() -> new TlsSettings(true, null, null, null, null).clientParameters())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truststore");
    }
}
