package dev.deltasync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import dev.deltasync.camel.DeltaSyncRunner;
import example.ArchiveArrivals;
import example.boot.ArchiveApplication;

/**
 * The applications in examples/, run as their users would run them (camel-main, their own properties), with a real
 * client uploading: each must copy the upload to its archive folder and leave its host's name and log levels alone.
 */
class ExamplesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void theCamelMainExampleArchivesWhatAClientUploads() throws Exception {
        Main main = new Main();
        main.configure().addRoutesBuilder(new ArchiveArrivals());
        archivesAnUpload(main);
    }

    @Test
    void theYamlExampleArchivesWhatAClientUploads() throws Exception {
        Main main = new Main();
        main.configure().withRoutesIncludePattern("file:examples/yaml/archive.camel.yaml");
        archivesAnUpload(main);
    }

    @Test
    void theSpringBootExampleArchivesWhatAClientUploads() throws Exception {
        Path shared = tmp.resolve("shared");
        Path archive = tmp.resolve("archive");
        Path client = Files.createDirectories(tmp.resolve("client"));
        int port = freePort();
        // the example's users log with Boot's logback; here Boot must leave the tests' log4j2 set-up alone
        String logging = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ArchiveApplication.class).run(
                "--spring.config.location=file:examples/spring-boot/src/main/resources/application.properties",
                "--deltasync.dir=" + shared, "--deltasync.port=" + port, "--deltasync.secret=s3cret",
                "--archive=" + archive)) {
            CamelContext camel = app.getBean(CamelContext.class);
            assertThat(camel.getName()).isEqualTo("archive-host");
            assertThat(camel.getRoute("server-connections")).as("deltasync's routes run in the application's context")
                    .isNotNull();

            Files.createDirectories(client.resolve("reports"));
            Files.writeString(client.resolve("reports/q1.txt"), "quarter one", StandardCharsets.UTF_8);
            assertThat(clientOnce(client, port, "s3cret")).isZero();

            await().atMost(PATIENCE).until(() -> Files.exists(archive.resolve("reports/q1.txt")));
            assertThat(archive.resolve("reports/q1.txt")).hasContent("quarter one");
            assertThat(shared.resolve("reports/q1.txt")).hasContent("quarter one");
        } finally {
            if (logging == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, logging);
            }
        }
    }

    private void archivesAnUpload(Main main) throws Exception {
        Path shared = tmp.resolve("shared");
        Path archive = tmp.resolve("archive");
        Path client = Files.createDirectories(tmp.resolve("client"));
        int port = freePort();
        main.addOverrideProperty("shared", shared.toString());
        main.addOverrideProperty("archive", archive.toString());
        main.addOverrideProperty("port", Integer.toString(port));
        main.addOverrideProperty("secret", "s3cret");
        main.addOverrideProperty("camel.main.name", "archive-host");
        Configurator.setLevel("example", Level.DEBUG);
        Level root = LogManager.getRootLogger().getLevel();
        main.start();
        try {
            Files.createDirectories(client.resolve("reports"));
            Files.writeString(client.resolve("reports/q1.txt"), "quarter one", StandardCharsets.UTF_8);
            assertThat(clientOnce(client, port, "s3cret")).isZero();

            await().atMost(PATIENCE).until(() -> Files.exists(archive.resolve("reports/q1.txt")));
            assertThat(archive.resolve("reports/q1.txt")).hasContent("quarter one");
            assertThat(shared.resolve("reports/q1.txt")).hasContent("quarter one");
            assertThat(main.getCamelContext().getName()).isEqualTo("archive-host");
            assertThat(LogManager.getLogger("example").getLevel()).isEqualTo(Level.DEBUG);
            assertThat(LogManager.getRootLogger().getLevel()).isEqualTo(root);
        } finally {
            main.stop();
        }
    }

    private static int clientOnce(Path dir, int port, String secret) {
        Map<String, String> p = new HashMap<>();
        p.put("deltasync.dir", dir.toString());
        p.put("deltasync.port", Integer.toString(port));
        p.put("deltasync.secret", secret);
        p.put("deltasync.connect-timeout-ms", "5000");
        return DeltaSyncRunner.client(p).runOnce();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
