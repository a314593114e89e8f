package dev.deltasync.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import dev.deltasync.camel.AppliedChange;
import dev.deltasync.folder.FolderChange;

/**
 * A Spring Boot application with camel-spring-boot and the library: {@code deltasync.*} properties alone run a role in
 * the application's own Camel context; without {@code deltasync.role} the library does nothing.
 */
class DeltaSyncAutoConfigurationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static String logging;

    @TempDir
    Path tmp;

    @BeforeAll
    static void leaveTheTestsLoggingAlone() {
        logging = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    }

    @AfterAll
    static void restoreLogging() {
        if (logging == null) {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        } else {
            System.setProperty(LoggingSystem.SYSTEM_PROPERTY, logging);
        }
    }

    @Test
    void aClientRoleSyncsAndPublishesWhatItApplied() throws Exception {
        Path serverDir = Files.createDirectories(tmp.resolve("server"));
        Path clientDir = tmp.resolve("client");
        Files.writeString(serverDir.resolve("plan.txt"), "from the server", StandardCharsets.UTF_8);
        int port = freePort();
        try (CamelContext server = server(serverDir, port);
             ConfigurableApplicationContext app = boot("--deltasync.role=client", "--deltasync.dir=" + clientDir,
                     "--deltasync.port=" + port, "--deltasync.secret=s3cret", "--camel.main.name=host-app")) {
            await().atMost(PATIENCE).until(() -> Files.exists(clientDir.resolve("plan.txt")));
            assertThat(clientDir.resolve("plan.txt")).hasContent("from the server");

            Changes changes = app.getBean(Changes.class);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(changes.seen)
                    .anySatisfy(c -> {
                        assertThat(c.change().type()).isEqualTo(FolderChange.Type.ARRIVED);
                        assertThat(c.change().path()).isEqualTo("plan.txt");
                        assertThat(c.file()).isEqualTo(clientDir.resolve("plan.txt").toAbsolutePath().normalize());
                    }));
            CamelContext camel = app.getBean(CamelContext.class);
            assertThat(camel.getName()).isEqualTo("host-app");
            assertThat(camel.getRoute("client-connection")).isNotNull();
            ObjectName mbean = new ObjectName("deltasync:type=Client,folder="
                    + ObjectName.quote(clientDir.toAbsolutePath().normalize().toString()));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(mbean, "LastSyncResult")).isEqualTo("ok"));
        }
    }

    @Test
    void withoutARoleTheLibraryStaysOut() {
        try (ConfigurableApplicationContext app = boot("--deltasync.dir=" + tmp)) {
            CamelContext camel = app.getBean(CamelContext.class);
            assertThat(camel.getRoutes()).isEmpty();
            assertThat(app.containsBean("deltasyncRole")).isFalse();
        }
    }

    @Test
    void anUnknownRoleOrNoFolderStopsTheApplicationWithAClearError() {
        assertThatThrownBy(() -> boot("--deltasync.role=relay", "--deltasync.dir=" + tmp).close())
                .hasStackTraceContaining("deltasync.role must be server or client, not 'relay'");
        assertThatThrownBy(() -> boot("--deltasync.role=server").close())
                .hasStackTraceContaining("deltasync.role=server needs deltasync.dir, the shared folder");
    }

    @Test
    void aMisspeltSettingStopsTheApplicationNamingTheNearestValidOne() {
        assertThatThrownBy(() -> boot("--deltasync.role=server", "--deltasync.dir=" + tmp, "--deltasync.sever-mode=3",
                "--deltasync.port=0").close())
                .hasStackTraceContaining("unknown setting 'deltasync.sever-mode' in the application's configuration;"
                        + " did you mean 'deltasync.mode'?");
    }

    private static ConfigurableApplicationContext boot(String... args) {
        return new SpringApplicationBuilder(HostApplication.class).run(args);
    }

    private static CamelContext server(Path dir, int port) throws Exception {
        CamelContext server = new DefaultCamelContext();
        server.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("deltasync:server?dir=" + dir + "&port=" + port + "&secret=RAW(s3cret)").to("log:server?level=DEBUG");
            }
        });
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A host application with nothing of deltasync's but the dependency. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class HostApplication {
        @Bean
        Changes changes() {
            return new Changes();
        }
    }

    static class Changes {
        final List<AppliedChange> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(AppliedChange change) {
            seen.add(change);
        }
    }
}
