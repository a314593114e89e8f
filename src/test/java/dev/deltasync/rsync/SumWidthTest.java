package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SumWidthTest {

    @Test
    void theWidthGrowsWithTheLogOfThePairsSearched() {
        assertThat(SumWidth.forPairs(1).bits()).isEqualTo(SumWidth.MIN_BITS);
        assertThat(SumWidth.forPairs(4096 * 8).bits()).isEqualTo(15 + 16);
        assertThat(SumWidth.forPairs(4096 * 8 + 1).bits()).isEqualTo(16 + 16);
        assertThat(SumWidth.forPairs(Math.pow(2, 40)).bits()).isEqualTo(56);
        assertThat(SumWidth.forPairs(Double.MAX_VALUE).bits()).isEqualTo(SumWidth.MAX_BITS);
    }

    @Test
    void theStrongSumKeepsEightSeededBitsAndTakesWhatTheWeakSumCannotHold() {
        assertThat(SumWidth.ofBits(24)).isEqualTo(new SumWidth(16, 8, true));
        assertThat(SumWidth.ofBits(39)).isEqualTo(new SumWidth(31, 8, true));
        assertThat(SumWidth.ofBits(40)).as("a whole weak sum is not multiplied").isEqualTo(new SumWidth(32, 8, false));
        assertThat(SumWidth.ofBits(56)).isEqualTo(new SumWidth(32, 24, false));
        assertThatThrownBy(() -> SumWidth.ofBits(23)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SumWidth.ofBits(SumWidth.MAX_BITS + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFixedLayoutKeepsEverySumWhole() {
        SumWidth fixed = SumWidth.fixed(3);

        assertThat(fixed.weakMask()).isEqualTo(-1);
        assertThat(fixed.multiplier(12345L)).isEqualTo(1);
        assertThat(fixed.lastStrongMask()).isEqualTo((byte) 0xff);
        assertThat(fixed.bytesFor(10)).isEqualTo(70);
        assertThat(SumWidth.ofBits(27).bytesFor(10)).isEqualTo(34);
    }

    @Test
    void eachSeedMultipliesByItsOwnOddNumber() {
        SumWidth cut = SumWidth.ofBits(28);
        Set<Integer> multipliers = new HashSet<>();
        for (long seed = 0; seed < 1000; seed++) {
            int m = cut.multiplier(seed);
            assertThat(m & 1).isEqualTo(1);
            multipliers.add(m);
        }
        assertThat(multipliers).hasSize(1000);
    }

    /**
     * Windows that differ in one byte, as an edited stretch and its basis have everywhere: their seeded 16-bit keys
     * collide about as often as chance says (at most 2^-15 per pair), never systematically.
     */
    @Test
    void nearlyEqualWindowsCollideOnlyByChance() {
        Random random = new Random(5);
        SumWidth cut = new SumWidth(16, 8, true);
        int pairs = 200_000;
        int collisions = 0;
        byte[] block = new byte[32];
        for (int i = 0; i < pairs; i++) {
            random.nextBytes(block);
            int a = RollingChecksum.of(block, 0, block.length);
            block[random.nextInt(block.length)] ^= (byte) (1 + random.nextInt(255));
            int b = RollingChecksum.of(block, 0, block.length);
            int m = cut.multiplier(random.nextLong());
            if ((a * m & cut.weakMask()) == (b * m & cut.weakMask())) {
                collisions++;
            }
        }
        // expected ~3 (200,000 / 65,536); a systematic flaw would show hundreds
        assertThat(collisions).isLessThan(20);
    }
}
