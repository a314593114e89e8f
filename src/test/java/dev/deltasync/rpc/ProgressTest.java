package dev.deltasync.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressTest {

    private long now;

    @Test
    void reportsShareSpeedAndTimeLeft() {
        Progress progress = new Progress("Sending big.iso", 100_000_000, () -> now);
        now = 4_000_000_000L;
        progress.advance(40_000_000);
        assertThat(progress.line(now)).isEqualTo(
                "Sending big.iso: 40% (40.0 of 100.0 MB) at 10.0 MB/s, about 6 s left");
    }

    @Test
    void neverClaimsMoreThanAllOfIt() {
        Progress progress = new Progress("Receiving log.txt", 10, () -> now);
        now = 1_000_000_000L;
        progress.advance(25);
        assertThat(progress.line(now)).startsWith("Receiving log.txt: 100% (0.0 of 0.0 MB)").endsWith("about 0 s left");
    }
}
