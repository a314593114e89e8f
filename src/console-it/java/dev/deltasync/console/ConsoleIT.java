package dev.deltasync.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/** Starts the console application as a server on a temporary folder and looks at it over HTTP. */
class ConsoleIT {

    @TempDir
    static Path dir;

    private static ConfigurableApplicationContext app;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Map<String, String> props = new HashMap<>();
        props.put("deltasync.dir", dir.toString());
        props.put("deltasync.port", Integer.toString(freePort()));
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
        assertThat(new ObjectMapper().readTree(meter.body()).path("measurements").path(0).path("value").asDouble())
                .isZero();
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
