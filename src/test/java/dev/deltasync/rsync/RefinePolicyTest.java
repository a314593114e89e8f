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

    /** The block lengths of the rounds after {@code first}, for literal stretches of {@code stretches} x 2 blocks. */
    private static List<Integer> roundsByTime(RefinePolicy policy, int first, int stretches) {
        List<Integer> blocks = new ArrayList<>();
        int b = first;
        while (true) {
            long stretch = 2L * b;
            b = policy.nextBlockByTime(b, next -> stretches * RefinePolicy.signatureBytes(stretch, next));
            if (b == 0) {
                return blocks;
            }
            blocks.add(b);
        }
    }

    @Test
    void whereARoundTripIsFreeTheBlocksShrinkByTheSmallestStep() {
        assertThat(roundsByTime(RefinePolicy.DEFAULT, 185_368, 10)).containsExactly(46_342, 11_585, 2_896, 724, 181, 45, 32);
    }

    @Test
    void whereARoundTripIsWorthMoreThanSignaturesTheBlocksShrinkInBigSteps() {
        RefinePolicy at40ms = RefinePolicy.DEFAULT.onLink(40_000_000L);
        assertThat(roundsByTime(at40ms, 185_368, 10)).hasSizeLessThanOrEqualTo(3).endsWith(32);
        assertThat(roundsByTime(at40ms, 185_368, 10).get(0)).isLessThan(2_896);
    }

    @Test
    void theLocalPartOfARoundTripIsFreeAndOnlyTheRestIsTheLinks() {
        long loadedLoopback = 45_000_000L; // a loopback answer on 2 cores at load ~20

        assertThat(RefinePolicy.DEFAULT.onLink(loadedLoopback).roundTripBytes()).isEqualTo(87_500);
        assertThat(RefinePolicy.DEFAULT.onLink(loadedLoopback, 60_000_000L).roundTripBytes()).isZero();
        assertThat(RefinePolicy.DEFAULT.onLink(loadedLoopback, 40_000_000L).roundTripBytes()).isEqualTo(12_500);
    }

    @Test
    void aFirstSignatureAtTheSmallestBlockHasNoRoundAfterIt() {
        assertThat(roundsAfter(32)).isEmpty();
        assertThat(roundsAfter(64)).containsExactly(32);
    }
}
