package dev.deltasync.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.camel.DeltaSyncRunner;
import dev.deltasync.rsync.Sha256;

/** The deltasync: component in a plain CamelContext, against a real client or server over loopback. */
class DeltaSyncComponentTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final List<Exchange> events = new CopyOnWriteArrayList<>();
    private CamelContext host;

    @AfterEach
    void stopHost() {
        if (host != null) {
            host.stop();
        }
    }

    @Test
    void aServerEmitsOneExchangePerChangeAClientUploads() throws Exception {
        Path server = tmp.resolve("server");
        Path client = Files.createDirectories(tmp.resolve("client"));
        int port = freePort();
        startHost("deltasync:server?dir=" + server + "&port=" + port + "&mode=0&secret=RAW(s3cr&t+)&rescanMs=0");

        Files.writeString(client.resolve("report.txt"), "first version", StandardCharsets.UTF_8);
        assertThat(clientOnce(client, port, "s3cr&t+")).isZero();
        Exchange arrived = awaitEvent("ARRIVED", "report.txt");
        String clientId = Files.readString(client.resolve(".deltasync/folder-id")).trim();
        assertThat(arrived.getMessage().getHeader(DeltaSyncConstants.PEER)).isEqualTo(clientId);
        assertThat(arrived.getMessage().getHeader(DeltaSyncConstants.SIZE)).isEqualTo(13L);
        assertThat(arrived.getMessage().getHeader(DeltaSyncConstants.SHA256))
                .isEqualTo(Sha256.hex("first version".getBytes(StandardCharsets.UTF_8)));
        assertThat(arrived.getMessage().getHeader(DeltaSyncConstants.ABSOLUTE_PATH))
                .isEqualTo(server.resolve("report.txt").toAbsolutePath().toString());
        assertThat(arrived.getMessage().getHeader(DeltaSyncConstants.MODE)).isEqualTo(0);
        assertThat(arrived.getMessage().getHeader(DeltaSyncConstants.ROLE)).isEqualTo("server");
        assertThat(arrived.getMessage().getBody(String.class)).isEqualTo("first version");

        Files.writeString(client.resolve("report.txt"), "second, longer version", StandardCharsets.UTF_8);
        assertThat(clientOnce(client, port, "s3cr&t+")).isZero();
        assertThat(awaitEvent("UPDATED", "report.txt").getMessage().getBody(String.class))
                .isEqualTo("second, longer version");

        Files.move(client.resolve("report.txt"), client.resolve("renamed.txt"));
        assertThat(clientOnce(client, port, "s3cr&t+")).isZero();
        Exchange renamed = awaitEvent("RENAMED", "renamed.txt");
        assertThat(renamed.getMessage().getHeader(DeltaSyncConstants.PREVIOUS_PATH)).isEqualTo("report.txt");
        assertThat(renamed.getMessage().getBody()).isNull();

        Files.delete(client.resolve("renamed.txt"));
        assertThat(clientOnce(client, port, "s3cr&t+")).isZero();
        // the server keeps what a client deletes recoverable: a deletion reaches it as TRASHED, in every mode
        awaitEvent("TRASHED", "renamed.txt");
        assertThat(events).extracting(e -> e.getMessage().getHeader(DeltaSyncConstants.EVENT))
                .containsExactly("ARRIVED", "UPDATED", "RENAMED", "TRASHED");
    }

    @Test
    void aClientEmitsWhatItReceivesAndKeepsInAConflict() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        Files.writeString(server.resolve("shared.txt"), "server's", StandardCharsets.UTF_8);
        Files.writeString(client.resolve("shared.txt"), "client's", StandardCharsets.UTF_8);
        Files.writeString(server.resolve("only-on-server.txt"), "from the server", StandardCharsets.UTF_8);
        int port = freePort();
        DeltaSyncRunner standalone = DeltaSyncRunner.embedded(false, props(server, port, "1"));
        standalone.start();
        try {
            startHost("deltasync:client?dir=" + client + "&port=" + port + "&host=127.0.0.1&quietMs=200&rescanMs=0");
            Exchange arrived = awaitEvent("ARRIVED", "only-on-server.txt");
            String serverId = Files.readString(server.resolve(".deltasync/folder-id")).trim();
            assertThat(arrived.getMessage().getHeader(DeltaSyncConstants.PEER)).isEqualTo(serverId);
            assertThat(arrived.getMessage().getHeader(DeltaSyncConstants.MODE)).isEqualTo(1);
            assertThat(arrived.getMessage().getBody(String.class)).isEqualTo("from the server");
            // mode 1: the server wins, the client's version is kept beside it as a conflict copy
            Exchange kept = await().atMost(PATIENCE).until(() -> event("CONFLICT_KEPT"), e -> e != null);
            String copy = kept.getMessage().getHeader(DeltaSyncConstants.CONFLICT_COPY, String.class);
            assertThat(copy).startsWith("shared.sync-conflict-").endsWith("-client.txt");
            assertThat(kept.getMessage().getHeader(DeltaSyncConstants.PREVIOUS_PATH)).isEqualTo("shared.txt");
            assertThat(client.resolve(copy)).hasContent("client's");
            // the winner takes the place the loser left: it arrives
            assertThat(awaitEvent("ARRIVED", "shared.txt").getMessage().getBody(String.class)).isEqualTo("server's");
        } finally {
            standalone.close();
        }
    }

    @Test
    void aBadUriIsRefusedWithAClearMessage() {
        host = new DefaultCamelContext();
        assertThatThrownBy(() -> {
            host.addRoutes(route("deltasync:server?dir=" + tmp + "&mode=7"));
            host.start();
        }).hasStackTraceContaining("mode must be 0, 1, 2 or 3, not 7");
        host.stop();
        host = new DefaultCamelContext();
        assertThatThrownBy(() -> {
            host.addRoutes(route("deltasync:server?dir=" + tmp + "&bind=0.0.0.0"));
            host.start();
        }).hasStackTraceContaining("refusing to listen on 0.0.0.0 without a secret");
        host.stop();
        host = new DefaultCamelContext();
        assertThatThrownBy(() -> {
            host.addRoutes(route("deltasync:server?dir=" + tmp + "&quietMillis=5"));
            host.start();
        }).hasStackTraceContaining("quietMillis");
        host.stop();
        host = new DefaultCamelContext();
        assertThatThrownBy(() -> {
            host.addRoutes(route("deltasync:server?dir=" + tmp + "&secretFile=" + tmp.resolve("missing")));
            host.start();
        }).hasStackTraceContaining("cannot read the secret file");
        host.stop();
        host = new DefaultCamelContext();
        assertThatThrownBy(() -> {
            host.addRoutes(route("deltasync:hub?dir=" + tmp));
            host.start();
        }).hasStackTraceContaining("deltasync:hub is not a role");
    }

    private void startHost(String uri) throws Exception {
        host = new DefaultCamelContext();
        host.getCamelContextExtension().setName("host-app");
        host.addRoutes(route(uri));
        host.start();
        assertThat(host.getName()).as("the host keeps its own context name").isEqualTo("host-app");
    }

    private RouteBuilder route(String uri) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("events").process(events::add);
            }
        };
    }

    private Exchange awaitEvent(String type, String path) {
        return await().atMost(PATIENCE).until(() -> events.stream()
                .filter(e -> type.equals(e.getMessage().getHeader(DeltaSyncConstants.EVENT))
                        && path.equals(e.getMessage().getHeader(DeltaSyncConstants.PATH)))
                .findFirst().orElse(null), e -> e != null);
    }

    private Exchange event(String type) {
        return events.stream().filter(e -> type.equals(e.getMessage().getHeader(DeltaSyncConstants.EVENT)))
                .findFirst().orElse(null);
    }

    private static int clientOnce(Path dir, int port, String secret) {
        Map<String, String> p = props(dir, port, "0");
        p.put("deltasync.secret", secret);
        return DeltaSyncRunner.client(p).runOnce();
    }

    private static Map<String, String> props(Path dir, int port, String mode) {
        Map<String, String> p = new HashMap<>();
        p.put("deltasync.dir", dir.toString());
        p.put("deltasync.port", Integer.toString(port));
        p.put("deltasync.mode", mode);
        p.put("deltasync.quiet-ms", "200");
        p.put("deltasync.rescan-ms", "0");
        p.put("deltasync.connect-timeout-ms", "5000");
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
