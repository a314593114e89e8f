package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrongLengthTest {

    @ParameterizedTest(name = "{0} bytes in blocks of {1} -> {2} strong bytes")
    @CsvSource({
        "0, 700, 2",
        "100, 700, 2",
        "1048576, 1024, 5",
        "1073741824, 32768, 7",
        "4294967296, 65536, 8",
        "1099511627776, 131072, 9",
    })
    void keepsExpectedFalseMatchesBelowTwoToTheMinusForty(long length, int block, int expected) {
        assertThat(StrongLength.forBasis(length, block)).isEqualTo(expected);
    }

    @Test
    void chosenLengthIsTheSmallestThatMeetsTheBound() {
        for (long length = 1000; length < (1L << 42); length *= 7) {
            int block = BlockSize.forLength(length);
            int s = StrongLength.forBasis(length, block);
            double log2Expected = log2(length) + log2(StrongLength.blockCount(length, block)) - 32;
            assertThat(log2Expected - 8.0 * s).as("length %d", length).isLessThan(-40);
            if (s > StrongLength.MIN) {
                assertThat(log2Expected - 8.0 * (s - 1)).as("length %d", length).isGreaterThanOrEqualTo(-40);
            }
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
