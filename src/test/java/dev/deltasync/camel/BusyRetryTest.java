package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.wire.Busy;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.MessageCodec;

/**
 * A server whose door is full tells a connecting client when to come back, and the client does: it reconnects after
 * about that delay instead of its backoff, counts no failure and logs no error. The client's backoff here starts at a
 * minute, so on the base (the server closed without a word, the client backed off a minute) it did not connect
 * within the 30 s this test waits. A peer that does not speak the Busy frame reads it and then a clean end of stream.
 */
class BusyRetryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void aClientToldBusyComesBackWhenAskedWithoutCountingAFailure() throws Exception {
        Path server = Files.createDirectories(tmp.resolve("server"));
        Path client = Files.createDirectories(tmp.resolve("client"));
        Files.writeString(server.resolve("there.txt"), "served");
        int port = EmbeddedRoles.freePort();
        Map<String, String> serverProps = EmbeddedRoles.props(server, port);
        serverProps.put("deltasync.max-unauthenticated", "2"); // the limit per address binds once half is taken
        serverProps.put("deltasync.max-unauthenticated-per-address", "1");
        serverProps.put("deltasync.handshake-timeout-ms", "60000");
        Map<String, String> clientProps = EmbeddedRoles.props(client, port);
        clientProps.put("deltasync.reconnect-min-ms", "60000");
        clientProps.put("deltasync.reconnect-max-ms", "60000");
        List<String> linkLog = new CopyOnWriteArrayList<>();
        DeltaSyncRunner serverRole = DeltaSyncRunner.embedded(false, serverProps);
        DeltaSyncRunner clientRole = DeltaSyncRunner.embedded(true, clientProps);
        try (LogCapture capture = new LogCapture(ClientLink.class, linkLog)) {
            serverRole.start();
            HandshakeGuard guard = ((ServerHub) serverRole.role().beans().get("serverHub")).handshakeGuard();
            try (Socket holder = new Socket(InetAddress.getLoopbackAddress(), port)) { // holds the only place, silent
                await().atMost(PATIENCE).until(() -> guard.waiting() == 1); // admitted before the next one comes
                try (Socket oldStyle = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    Frame told = readFrame(oldStyle.getInputStream());
                    assertThat(MessageCodec.decode(told)).isInstanceOf(Busy.class);
                    assertThat(oldStyle.getInputStream().read()).as("then the server closes").isEqualTo(-1);
                }

                clientRole.start();
                ClientLink link = clientRole.role().clientParts().link();
                await().atMost(PATIENCE).until(() -> link.busyAnswers() >= 3);

                assertThat(link.current()).isNull();
                assertThat(link.failuresCounted()).as("busy is not a failure").isZero();
                assertThat(link.connectAttempts()).isGreaterThanOrEqualTo(3);
            }

            ClientLink link = clientRole.role().clientParts().link();
            await().atMost(PATIENCE).until(() -> link.current() != null);
            await().atMost(PATIENCE).until(() -> Files.exists(client.resolve("there.txt")));

            assertThat(linkLog).anyMatch(line -> line.matches("INFO Server 127\\.0\\.0\\.1:\\d+ busy, retrying in \\d+\\.\\d s"));
            assertThat(linkLog).noneMatch(line -> line.startsWith("ERROR") || line.startsWith("WARN"));
        } finally {
            clientRole.close();
            serverRole.close();
        }
    }

    private static Frame readFrame(InputStream in) throws IOException {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.read();
            assertThat(b).as("a frame's length").isNotNegative();
            length |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        byte[] rest = in.readNBytes(length);
        assertThat(rest).hasSize(length);
        return dev.deltasync.wire.FrameHeader.parse(rest);
    }

    /** Lines logged by one class while open, as "LEVEL message". */
    private static final class LogCapture implements AutoCloseable {
        private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
        private final String name;
        private final AbstractAppender appender;

        LogCapture(Class<?> source, List<String> lines) {
            name = source.getName();
            appender = new AbstractAppender("capture-" + name, null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
                }
            };
            appender.start();
            LoggerConfig config = new LoggerConfig(name, Level.INFO, true);
            config.addAppender(appender, Level.INFO, null);
            context.getConfiguration().addLogger(name, config);
            context.updateLoggers();
        }

        @Override
        public void close() {
            context.getConfiguration().removeLogger(name);
            context.updateLoggers();
            appender.stop();
        }
    }
}
