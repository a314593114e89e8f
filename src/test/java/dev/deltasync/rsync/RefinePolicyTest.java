package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How many rounds follow a first signature, and at which block lengths. */
class RefinePolicyTest {

    private static List<Integer> roundsAfter(int first) {
        RefinePolicy policy = RefinePolicy.DEFAULT;
        int shrink = policy.shrinkAfter(first);
        List<Integer> blocks = new ArrayList<>();
        for (int b = policy.nextBlock(first, shrink); b > 0; b = policy.nextBlock(b, shrink)) {
            blocks.add(b);
        }
        return blocks;
    }

    @Test
    void aSignatureIn2KiBBlocksIsFollowedByTwoRoundsNotThree() {
        assertThat(roundsAfter(2048)).containsExactly(256, 32);
        assertThat(roundsAfter(1024)).containsExactly(170, 32);
    }

    @Test
    void aCoarseFirstSignatureKeepsShrinkingByAQuarterSoScatteredEditsStayCheap() {
        // 64 x sqrt(8 MiB): going down in two rounds would shrink 77 times a round and sign far more per change
        assertThat(roundsAfter(185_368)).containsExactly(46_342, 11_585, 2_896, 724, 181, 45, 32);
    }

    @Test
    void aFirstSignatureAtTheSmallestBlockHasNoRoundAfterIt() {
        assertThat(roundsAfter(32)).isEmpty();
        assertThat(roundsAfter(64)).containsExactly(32);
    }
}
