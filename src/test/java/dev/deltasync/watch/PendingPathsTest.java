package dev.deltasync.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingPathsTest {

    private final PendingPaths pending = new PendingPaths();

    @Test
    void releasingAnOlderActivityKeepsANewerOneOfTheSamePath() {
        pending.hold("a", 1, 100, false);
        pending.hold("a", 2, 200, false);

        pending.release("a", 1);
        assertThat(pending.isEmpty()).isFalse();
        pending.release("a", 2);
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void tracksTheLatestHeldDeleteAsDeletesComeAndGo() {
        pending.hold("x", 1, 300, true);
        pending.hold("y", 1, 500, true);
        pending.hold("z", 1, 900, false);
        assertThat(pending.latestDeleteDue()).hasValue(500);

        pending.hold("y", 1, 550, false);
        assertThat(pending.latestDeleteDue()).hasValue(300);
        pending.release("x", 1);
        assertThat(pending.latestDeleteDue()).isEmpty();
        assertThat(pending.size()).isEqualTo(2);
    }

    @Test
    void knowsWhetherSomethingInsideADirectoryIsPending() {
        pending.hold("d/sub/f", 1, 100, false);
        pending.hold("dx", 1, 100, false);

        assertThat(pending.anyUnder("d")).isTrue();
        assertThat(pending.anyUnder("d/sub")).isTrue();
        assertThat(pending.anyUnder("d/sub/f")).isFalse();
        assertThat(pending.anyUnder("e")).isFalse();
    }
}
