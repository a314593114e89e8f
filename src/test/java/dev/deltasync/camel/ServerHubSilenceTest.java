package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.folder.TestThreads;

/**
 * Which clients the server's watchdog takes for gone: one it has not heard for the silence limit while it listened.
 * A client whose frames the server stopped reading (back-pressure while its session catches up) cannot be heard, and
 * one that takes what waited for it is reading: neither is silent.
 */
class ServerHubSilenceTest {

    private static final long LIMIT_MS = 20_000;

    @TempDir
    Path dir;

    private TestThreads threads;
    private ServerFolder folder;
    private ServerHub hub;
    private final AtomicLong now = new AtomicLong(1_000_000);

    @BeforeEach
    void hub() throws Exception {
        threads = new TestThreads();
        folder = ServerFolder.open(new Settings(Map.of("deltasync.dir", dir.toString())), threads.peerThreads());
        hub = new ServerHub(folder, 5000, threads.peerThreads(), new HandshakeGuard.Limits(10_000, 512, 32));
        hub.clock(now::get);
    }

    @AfterEach
    void close() throws Exception {
        folder.close();
        threads.close();
    }

    @Test
    void aClientNotHeardForTheLimitIsClosed() {
        EmbeddedChannel channel = opened();
        now.addAndGet(LIMIT_MS + 1);

        hub.dropSilent(LIMIT_MS);

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aClientWhoseReadingTheServerPausedIsNotSilent() {
        EmbeddedChannel channel = opened();
        channel.config().setAutoRead(false); // what ReadThrottle does while the client's session catches up
        now.addAndGet(LIMIT_MS + 1);

        hub.dropSilent(LIMIT_MS);

        assertThat(channel.isOpen()).isTrue();

        // reading again, it has the whole limit from the pause's last check to be heard
        channel.config().setAutoRead(true);
        now.addAndGet(LIMIT_MS);
        hub.dropSilent(LIMIT_MS);
        assertThat(channel.isOpen()).isTrue();
        now.addAndGet(1);
        hub.dropSilent(LIMIT_MS);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aClientThatTakesWhatWaitedForItIsNotSilent() {
        EmbeddedChannel channel = opened();
        now.addAndGet(LIMIT_MS);

        hub.writabilityChanged(channel); // its output fell below the low-water mark: the client read it
        now.addAndGet(LIMIT_MS);
        hub.dropSilent(LIMIT_MS);

        assertThat(channel.isOpen()).isTrue();
    }

    private EmbeddedChannel opened() {
        EmbeddedChannel channel = new EmbeddedChannel();
        hub.opened(channel);
        return channel;
    }
}
