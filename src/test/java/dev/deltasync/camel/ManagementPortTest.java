package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone launcher's optional management port: health (with deltasync's readiness), Prometheus metrics and
 * Jolokia.
 */
class ManagementPortTest {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void serverReportsHealthAndItsMeters() throws Exception {
        int management = EmbeddedRoles.freePort();
        try (Running server = new Running(DeltaSyncRunner.server(serverProps(EmbeddedRoles.freePort(), management)))) {
            await().atMost(STARTUP).ignoreExceptions().untilAsserted(() -> {
                HttpResponse<String> health = get(management, "/observe/health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).startsWith("{\"status\":\"UP\"")
                        .contains("{\"name\":\"deltasync\",\"status\":\"UP\"}");
            });

            String metrics = get(management, "/observe/metrics").body();

            assertThat(metrics).contains("deltasync_clients_connected 0.0")
                    .contains("deltasync_handshakes_waiting 0.0")
                    .contains("deltasync_bytes_sent_total")
                    .contains("# TYPE deltasync_files_synced_total counter");
        }
    }

    @Test
    void clientIsReadyOnlyWhileConnectedAndCountsWhatItSynced() throws Exception {
        int port = EmbeddedRoles.freePort();
        int management = EmbeddedRoles.freePort();
        Path clientDir = Files.createDirectories(tmp.resolve("client"));
        Files.writeString(clientDir.resolve("hello.txt"), "hello from the client");
        try (Running client = new Running(DeltaSyncRunner.client(clientProps(clientDir, port, management)))) {
            await().atMost(STARTUP).ignoreExceptions().untilAsserted(() -> {
                HttpResponse<String> ready = get(management, "/observe/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("not connected to 127.0.0.1:" + port);
            });

            try (Running server = new Running(DeltaSyncRunner.server(serverProps(port, 0)))) {
                await().atMost(STARTUP).ignoreExceptions().untilAsserted(() ->
                        assertThat(get(management, "/observe/health/ready").statusCode()).isEqualTo(200));
                await().atMost(STARTUP).ignoreExceptions().untilAsserted(() -> assertThat(get(management, "/observe/metrics").body())
                        .contains("deltasync_server_connected 1.0")
                        .contains("deltasync_files_synced_total 1.0")
                        .contains("deltasync_bytes_literal_total 21.0")
                        .contains("deltasync_queue_depth 0.0")
                        .contains("deltasync_sync_lag_milliseconds 0.0"));

                // what Hawtio shows under the deltasync domain, read as Hawtio reads it: over Jolokia
                String mbean = "deltasync:type=Client,folder=" + ObjectName.quote(clientDir.toAbsolutePath().normalize().toString());
                await().atMost(STARTUP).ignoreExceptions().untilAsserted(() -> {
                    HttpResponse<String> reply = post(management, "/observe/jolokia/",
                            "{\"type\":\"read\",\"mbean\":" + jsonString(mbean) + "}");
                    assertThat(reply.statusCode()).isEqualTo(200);
                    assertThat(reply.body()).contains("\"status\":200")
                            .contains("\"Connected\":true")
                            .contains("\"LastSyncResult\":\"ok\"")
                            .contains("\"Server\":\"127.0.0.1:" + port + "\"")
                            .containsPattern("\"SyncCycles\":[1-9]")
                            .containsPattern("\"BytesSent\":[1-9]");
                });
            }
        }
    }

    private Map<String, String> serverProps(int port, int management) throws IOException {
        Map<String, String> p = new HashMap<>();
        p.put("deltasync.dir", Files.createDirectories(tmp.resolve("server")).toString());
        p.put("deltasync.port", Integer.toString(port));
        p.put("deltasync.bind", "127.0.0.1");
        p.put("deltasync.management-port", Integer.toString(management));
        p.put("deltasync.quiet-ms", "200");
        p.put("deltasync.rescan-ms", "0");
        return p;
    }

    private static Map<String, String> clientProps(Path dir, int port, int management) {
        Map<String, String> p = new HashMap<>();
        p.put("deltasync.dir", dir.toString());
        p.put("deltasync.port", Integer.toString(port));
        p.put("deltasync.host", "127.0.0.1");
        p.put("deltasync.management-port", Integer.toString(management));
        p.put("deltasync.quiet-ms", "200");
        p.put("deltasync.rescan-ms", "0");
        p.put("deltasync.reconnect-min-ms", "100");
        p.put("deltasync.reconnect-max-ms", "300");
        return p;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }


    /** A launcher running on its own thread until closed. */
    private static final class Running implements AutoCloseable {
        private final DeltaSyncRunner runner;
        private final Thread thread;

        Running(DeltaSyncRunner runner) {
            this.runner = runner;
            this.thread = new Thread(runner::runUntilStopped, "management-test");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            runner.stop();
            thread.join(15_000);
        }
    }
}
