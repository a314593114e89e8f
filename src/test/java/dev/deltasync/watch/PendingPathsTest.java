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

    @Test
    void aMomentIsReachedOnceItsPathsSettledAndTheirBatchesReachedTheScan() {
        long inBatch = pending.settled("already-settled", 0); // in the batch stage, not yet scanned
        pending.hold("a", 1, 100, false);
        pending.hold("b", 1, 100, false);
        PendingPaths.Through now = pending.now();
        pending.hold("later", 5, 200, false); // began after the moment: not waited for

        long a = pending.settled("a", 1);
        pending.handedOver(inBatch, a);
        assertThat(pending.reached(now)).as("b is still in its quiet period").isFalse();
        assertThat(pending.stillHeld(now)).containsExactly("b");

        long b = pending.settled("b", 1);
        assertThat(pending.reached(now)).as("b settled, its batch is not scanned yet").isFalse();
        pending.handedOver(b, b);
        assertThat(pending.reached(now)).isTrue();
    }

    @Test
    void aNewerActivityOfAHeldPathIsNotWaitedFor() {
        pending.hold("a", 1, 100, false);
        PendingPaths.Through now = pending.now();
        pending.release("a", 1);
        pending.hold("a", 2, 300, false);

        assertThat(pending.reached(now)).isTrue();
    }

    @Test
    void aBatchHandedOverAheadOfAnEarlierOneCountsOnlyOnceTheEarlierArrives() {
        long first = pending.settled("a", 1);
        long second = pending.settled("b", 1);
        PendingPaths.Through now = pending.now();

        pending.handedOver(second, second);
        assertThat(pending.reached(now)).isFalse();
        pending.handedOver(first, first);
        assertThat(pending.reached(now)).isTrue();
    }

    @Test
    void nothingHeldIsReachedAtOnce() {
        PendingPaths.Through now = pending.now();

        assertThat(now.heldNothing()).isTrue();
        assertThat(pending.reached(now)).isTrue();
    }

    @Test
    void heldPathsThatAreOurOwnWritesAreNotWaitedFor() {
        pending.hold("echo-of-our-install", 1, 100, false);

        assertThat(pending.reached(pending.now(path -> path.startsWith("echo")))).isTrue();
        assertThat(pending.reached(pending.now())).isFalse();
    }
}
