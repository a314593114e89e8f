package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BlockSizeTest {

    @ParameterizedTest(name = "{0} bytes -> blocks of {1}")
    @CsvSource({
        "0, 700",
        "1, 700",
        "490000, 700",
        "490001, 704",
        "1000000, 1000",
        "67108864, 8192",
        "1073741824, 32768",
        "4294967296, 65536",
        "17179869184, 131072",
        "1099511627776, 131072",
    })
    void followsRsyncsSquareRootRule(long length, int expected) {
        assertThat(BlockSize.forLength(length)).isEqualTo(expected);
    }

    @Test
    void isTheFloorOrAMultipleOfEightWithinBounds() {
        for (long length = 1; length < (1L << 40); length = length * 3 + 1) {
            int block = BlockSize.forLength(length);
            assertThat(block == BlockSize.MIN || block % 8 == 0).as("block %d for %d", block, length).isTrue();
            assertThat(block).isBetween(BlockSize.MIN, BlockSize.MAX);
        }
    }

    @Test
    void rejectsImpossibleOverrides() {
        assertThatThrownBy(() -> BlockSize.checkOverride(8)).hasMessageContaining("between 16 and");
        assertThatThrownBy(() -> BlockSize.checkOverride(1L << 30)).hasMessageContaining("not 1073741824");
        assertThat(BlockSize.checkOverride(4096)).isEqualTo(4096);
    }
}
