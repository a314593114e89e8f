package dev.deltasync.camel;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReadThrottleTest {

    private static final int MIB = 1 << 20;

    @Test
    void fewLargeFramesStopReadingByTheirBytes() {
        ReadThrottle throttle = new ReadThrottle();
        EmbeddedChannel channel = new EmbeddedChannel();

        for (int i = 0; i < 15; i++) {
            throttle.read(channel, MIB);
        }
        assertThat(channel.config().isAutoRead()).as("15 MiB queued").isTrue();
        throttle.read(channel, MIB);
        assertThat(channel.config().isAutoRead()).as("16 MiB queued in 16 frames").isFalse();

        for (int i = 0; i < 11; i++) {
            throttle.processed(channel, MIB);
        }
        assertThat(channel.config().isAutoRead()).as("5 MiB still queued").isFalse();
        throttle.processed(channel, MIB);
        assertThat(channel.config().isAutoRead()).as("4 MiB queued: the low mark").isTrue();
    }

    @Test
    void manySmallFramesStopReadingByTheirCount() {
        ReadThrottle throttle = new ReadThrottle();
        EmbeddedChannel channel = new EmbeddedChannel();

        for (int i = 0; i < ReadThrottle.HIGH_FRAMES; i++) {
            throttle.read(channel, 10);
        }
        assertThat(channel.config().isAutoRead()).isFalse();
        for (int i = 0; i < ReadThrottle.HIGH_FRAMES - ReadThrottle.LOW_FRAMES; i++) {
            throttle.processed(channel, 10);
        }
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aFullSideStopsEveryChannelThatReadsUntilItsQueuesDrain() {
        ReadThrottle throttle = new ReadThrottle(12L * MIB);
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();

        for (int i = 0; i < 8; i++) {
            throttle.read(first, MIB);
        }
        for (int i = 0; i < 4; i++) {
            throttle.read(second, MIB);
        }
        assertThat(second.config().isAutoRead()).as("12 MiB queued over both: the side's high mark").isFalse();
        assertThat(first.config().isAutoRead()).as("first has read nothing since").isTrue();

        throttle.read(first, MIB);
        assertThat(first.config().isAutoRead()).isFalse();
        for (int i = 0; i < 7; i++) {
            throttle.processed(first, MIB);
        }
        assertThat(throttle.queuedBytes()).isEqualTo(6L * MIB);
        assertThat(second.config().isAutoRead()).as("6 MiB queued: half the high mark").isTrue();
        assertThat(first.config().isAutoRead()).isTrue();
    }

    @Test
    void framesProcessedAfterTheirChannelClosedAreNotCountedTwice() {
        ReadThrottle throttle = new ReadThrottle();
        EmbeddedChannel gone = new EmbeddedChannel();
        EmbeddedChannel other = new EmbeddedChannel();

        throttle.read(gone, MIB);
        throttle.read(other, MIB);
        throttle.closed(gone);
        throttle.processed(gone, MIB);

        assertThat(throttle.queuedBytes()).isEqualTo(MIB);
    }

    @Test
    void aCloseFinishesAfterTheLastQueuedFrameOnce() {
        ReadThrottle throttle = new ReadThrottle();
        EmbeddedChannel channel = new EmbeddedChannel();
        AtomicInteger finished = new AtomicInteger();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            throttle.read(channel, MIB);
            throttle.read(channel, MIB);
            throttle.whenDrained(channel, finished::incrementAndGet, timer, 60_000);
            throttle.processed(channel, MIB);
            assertThat(finished).as("one frame still queued").hasValue(0);
            throttle.processed(channel, MIB);
            assertThat(finished).as("the last queued frame was handled").hasValue(1);

            throttle.whenDrained(new EmbeddedChannel(), finished::incrementAndGet, timer, 60_000);
            assertThat(finished).as("a channel with nothing queued closes at once").hasValue(2);
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void aCloseWhoseFramesAreNeverHandledFinishesAfterTheFallback() {
        ReadThrottle throttle = new ReadThrottle();
        EmbeddedChannel channel = new EmbeddedChannel();
        AtomicInteger finished = new AtomicInteger();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            throttle.read(channel, MIB);
            throttle.whenDrained(channel, finished::incrementAndGet, timer, 50);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(finished).hasValue(1));
            throttle.processed(channel, MIB);
            assertThat(finished).as("the late frame does not finish it twice").hasValue(1);
        } finally {
            timer.shutdownNow();
        }
    }
}
