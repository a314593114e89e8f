package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client whose server is down retries without starting threads: every attempt's channel runs on the link's one
 * event loop (before, camel-netty made a worker group for each start of the client route, so each attempt started
 * at least one thread and a thousand clients retrying a restarting server started ~130 a second). The link still
 * connects on that loop once the server is up.
 */
class ReconnectAttemptsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @TempDir
    Path tmp;

    @Test
    void retriesAgainstADownServerStartNoThreadsAndStillConnect() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        int port = EmbeddedRoles.freePort(); // nothing listens there until the server starts below
        Map<String, String> clientProps = EmbeddedRoles.props(client, port);
        clientProps.put("deltasync.reconnect-min-ms", "10");
        clientProps.put("deltasync.reconnect-max-ms", "40");
        DeltaSyncRunner clientRole = DeltaSyncRunner.embedded(true, clientProps);
        DeltaSyncRunner serverRole = DeltaSyncRunner.embedded(false, EmbeddedRoles.props(server, port));
        try {
            clientRole.start();
            ClientLink link = clientRole.role().clientParts().link();
            await().atMost(PATIENCE).until(() -> link.connectAttempts() >= 5);
            long startedBefore = threads.getTotalStartedThreadCount();
            long attemptsBefore = link.connectAttempts();
            await().atMost(PATIENCE).until(() -> link.connectAttempts() >= attemptsBefore + 30);
            long started = threads.getTotalStartedThreadCount() - startedBefore;

            assertThat(started).as("threads started during 30 attempts to reach a down server").isLessThan(10);

            serverRole.start();
            await().atMost(PATIENCE).until(() -> link.current() != null);
            assertThat(link.current().serverId())
                    .isEqualTo(Files.readString(server.resolve(".deltasync/folder-id")).trim());
        } finally {
            clientRole.close();
            serverRole.close();
        }
    }
}
