package dev.deltasync.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import dev.deltasync.camel.DeltaSyncRunner;

/** Starts the console application as a server on a temporary folder and looks at it over HTTP. */
class ConsoleIT {

    @TempDir
    static Path dir;
    @TempDir
    static Path clientDir;

    private static ConfigurableApplicationContext app;
    private static String base;
    private static int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Map<String, String> props = new HashMap<>();
        props.put("deltasync.dir", dir.toString());
        port = freePort();
        props.put("deltasync.port", Integer.toString(port));
        props.put("deltasync.bind", "127.0.0.1");
        app = ConsoleApplication.start(ConsoleApplication.settings("server", props), "--server.port=0");
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void servesHawtio() throws Exception {
        HttpResponse<String> page = get("/actuator/hawtio/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
        assertThat(page.body()).containsIgnoringCase("<html").containsIgnoringCase("hawtio");
    }

    @Test
    void jolokiaListsDeltasyncRoutesAsStarted() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(routeStates())
                .containsEntry("server-connections", "Started")
                .containsEntry("server-local-changes", "Started")
                .containsEntry("watch-events", "Started")
                .containsEntry("watch-debounce", "Started")
                .containsEntry("watch-out", "Started"));
    }

    @Test
    void healthIsUpIncludingDeltasyncReadiness() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode status = new ObjectMapper().readTree(health.body());
            assertThat(status.path("status").asText()).isEqualTo("UP");
            assertThat(status.path("components").path("camelHealth").path("details").path("deltasync").asText())
                    .isEqualTo("UP");
        });
    }

    @Test
    void publishesDeltasyncMetersOnSpringBootsRegistry() throws Exception {
        HttpResponse<String> meter = get("/actuator/metrics/deltasync.clients.connected");

        assertThat(meter.statusCode()).isEqualTo(200);
        // zero once a client of another test has gone
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(new ObjectMapper()
                .readTree(get("/actuator/metrics/deltasync.clients.connected").body())
                .path("measurements").path(0).path("value").asDouble()).isZero());
    }

    /** What Hawtio shows under the deltasync domain, read as Hawtio reads it: through Jolokia, after a client's sync. */
    @Test
    void jolokiaReadsTheServersMBeanAfterASync() throws Exception {
        Files.writeString(clientDir.resolve("report.txt"), "quarterly figures", StandardCharsets.UTF_8);
        assertThat(clientOnce()).isZero();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> reply = get("/actuator/jolokia/read/deltasync:type=Server,port=" + port);
            assertThat(reply.statusCode()).isEqualTo(200);
            JsonNode server = new ObjectMapper().readTree(reply.body()).path("value");
            assertThat(server.path("Port").asInt()).isEqualTo(port);
            assertThat(server.path("Folder").asText()).isEqualTo(dir.toAbsolutePath().normalize().toString());
            assertThat(server.path("FilesReceived").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(server.path("Files").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(server.path("BytesReceived").asLong()).isPositive();
            assertThat(server.path("BytesSent").asLong()).isPositive();
        });
        assertThat(dir.resolve("report.txt")).hasContent("quarterly figures");
    }

    /** The standalone jar's /observe/metrics meters, in Prometheus' format: deltasync's, Camel's routes', the JVM's. */
    @Test
    void prometheusEndpointHasTheSameMetersAsTheStandaloneJar() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> reply = get("/actuator/prometheus");
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.body())
                    .contains("deltasync_clients_connected ")
                    .contains("deltasync_handshakes_waiting ")
                    .contains("deltasync_bytes_sent_total")
                    .contains("deltasync_bytes_received_total")
                    .contains("# TYPE deltasync_files_synced_total counter")
                    .contains("deltasync_queue_depth ")
                    .containsPattern("camel_exchanges_total\\{.*routeId=\"server-connections\"")
                    .contains("jvm_memory_used_bytes");
        });
    }

    private static int clientOnce() {
        Map<String, String> p = new HashMap<>();
        p.put("deltasync.dir", clientDir.toString());
        p.put("deltasync.port", Integer.toString(port));
        p.put("deltasync.connect-timeout-ms", "5000");
        return DeltaSyncRunner.client(p).runOnce();
    }

    /** Route id → state, read through Jolokia from Camel's route MBeans. */
    private Map<String, String> routeStates() throws Exception {
        HttpResponse<String> reply = get("/actuator/jolokia/read/org.apache.camel:type=routes,*/RouteId,State");
        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode value = new ObjectMapper().readTree(reply.body()).path("value");
        Map<String, String> states = new HashMap<>();
        value.forEach(route -> states.put(route.path("RouteId").asText(), route.path("State").asText()));
        return states;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
