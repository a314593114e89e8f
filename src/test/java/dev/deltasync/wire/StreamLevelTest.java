package dev.deltasync.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Level 19 for the trickles of one process, within one budget: a trickle alone keeps it, but fifty clients behind
 * slow links, each a trickle, would take ~1.7 cores at level 19, so past the budget the others get level 9.
 */
class StreamLevelTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void oneTrickleIsCompressedAtTheUltraLevel() {
        StreamLevel alone = new StreamLevel(clock::get, new StreamLevel.UltraBudget());
        for (int i = 0; i < 50; i++) {
            clock.addAndGet(100_000_000L); // 16 KiB every 100 ms: 160 KiB/s, a 1 Mbit/s link
            assertThat(alone.next(16 * 1024)).isEqualTo(StreamLevel.ULTRA);
        }
    }

    @Test
    void manyTricklesOfOneProcessShareTheUltraBudget() {
        StreamLevel.UltraBudget budget = new StreamLevel.UltraBudget();
        List<StreamLevel> streams = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            streams.add(new StreamLevel(clock::get, budget));
        }
        int ultra = 0;
        int light = 0;
        for (int tick = 0; tick < 50; tick++) {
            clock.addAndGet(100_000_000L);
            for (StreamLevel stream : streams) {
                int level = stream.next(16 * 1024);
                ultra += level == StreamLevel.ULTRA ? 1 : 0;
                light += level == StreamLevel.LIGHT ? 1 : 0;
            }
        }
        // 50 x 160 KiB/s = 8 MiB/s of trickles; the budget is 1 MiB/s (plus the first second's 1 MiB over these 5 s)
        assertThat(ultra * 16 * 1024 / 5.0).as("level-19 bytes per second").isLessThanOrEqualTo(1.5 * (1 << 20));
        assertThat(light).isGreaterThan(ultra);
    }
}
