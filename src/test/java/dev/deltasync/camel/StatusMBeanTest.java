package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deltasync JMX domain Hawtio shows: a server's and a client's view, read after a live sync. */
class StatusMBeanTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path tmp;

    @Test
    void aSyncShowsInTheServersAndTheClientsMBeans() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        int port = EmbeddedRoles.freePort();
        ObjectName serverName = new ObjectName("deltasync:type=Server,port=" + port);
        ObjectName clientName = new ObjectName("deltasync:type=Client,folder="
                + ObjectName.quote(client.toAbsolutePath().normalize().toString()));
        DeltaSyncRunner serverRole = DeltaSyncRunner.embedded(false, EmbeddedRoles.props(server, port));
        DeltaSyncRunner clientRole = DeltaSyncRunner.embedded(true, EmbeddedRoles.props(client, port));
        try {
            serverRole.start();
            clientRole.start();
            Files.writeString(client.resolve("notes.txt"), "twelve bytes", StandardCharsets.UTF_8);
            await().atMost(PATIENCE).until(() -> Files.exists(server.resolve("notes.txt")));
            String clientId = Files.readString(client.resolve(".deltasync/folder-id")).trim();
            String serverId = Files.readString(server.resolve(".deltasync/folder-id")).trim();

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(jmx.getAttribute(serverName, "FilesReceived")).isEqualTo(1L);
                assertThat(jmx.getAttribute(serverName, "Files")).isEqualTo(1L);
                assertThat(jmx.getAttribute(clientName, "LastSyncResult")).isEqualTo("ok");
                assertThat(jmx.getAttribute(clientName, "PendingPaths")).isEqualTo(0);
            });
            assertThat(jmx.getAttribute(serverName, "ConnectedClients")).isEqualTo(1);
            assertThat((String[]) jmx.getAttribute(serverName, "Clients")).singleElement().asString()
                    .startsWith(clientId + " at /127.0.0.1:").contains("last heard 20");
            assertThat((Long) jmx.getAttribute(serverName, "ManifestVersion")).isPositive();
            assertThat((Long) jmx.getAttribute(serverName, "BytesReceived")).isGreaterThan(12L);
            assertThat(jmx.getAttribute(serverName, "Mode")).isEqualTo(0);
            assertThat(jmx.getAttribute(clientName, "Connected")).isEqualTo(true);
            assertThat(jmx.getAttribute(clientName, "ServerId")).isEqualTo(serverId);
            assertThat(jmx.getAttribute(clientName, "Server")).isEqualTo("127.0.0.1:" + port);
            assertThat((String) jmx.getAttribute(clientName, "LastSyncTime")).startsWith("20");
            assertThat((String) jmx.getAttribute(clientName, "LastSummary")).startsWith("synced: files=");
            assertThat(jmx.getAttribute(clientName, "Conflicts")).isEqualTo(0L);
            assertThat((Long) jmx.getAttribute(clientName, "BytesSent")).isGreaterThan(12L);
        } finally {
            clientRole.close();
            serverRole.close();
        }
        assertThat(jmx.isRegistered(serverName)).as("unregistered when the role stops").isFalse();
        assertThat(jmx.isRegistered(clientName)).isFalse();
    }
}
