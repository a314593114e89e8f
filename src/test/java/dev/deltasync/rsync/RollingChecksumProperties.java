package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RollingChecksumProperties {

    /** The definition, byte by byte: sum of (x_i + 1) * M^(n-1-i) mod 2^32. */
    private static int definition(byte[] data, int offset, int length) {
        int h = 0;
        for (int i = offset; i < offset + length; i++) {
            h = h * RollingChecksum.MULT + (data[i] & 0xff) + 1;
        }
        return h;
    }

    @Property
    void fastSumEqualsDefinition(@ForAll @Size(max = 300) byte[] data, @ForAll @IntRange(max = 299) int from) {
        int offset = Math.min(from, data.length);
        for (int length = 0; offset + length <= data.length; length++) {
            assertThat(RollingChecksum.of(data, offset, length)).isEqualTo(definition(data, offset, length));
        }
    }

    @Property
    void rollingEqualsFromScratchAtEveryPosition(@ForAll @Size(min = 1, max = 400) byte[] data,
                                                 @ForAll @IntRange(min = 1, max = 64) int window) {
        int n = Math.min(window, data.length);
        RollingChecksum rolling = new RollingChecksum(n);
        int h = RollingChecksum.of(data, 0, n);
        for (int pos = 0; pos + n < data.length; pos++) {
            h = rolling.roll(h, data[pos], data[pos + n]);
            assertThat(h).as("window at %d", pos + 1).isEqualTo(RollingChecksum.of(data, pos + 1, n));
        }
    }

    @Property
    void zeroRunsOfDifferentLengthsDiffer(@ForAll @IntRange(min = 1, max = 5000) int length) {
        byte[] zeros = new byte[length + 1];
        assertThat(RollingChecksum.of(zeros, 0, length)).isNotEqualTo(RollingChecksum.of(zeros, 0, length + 1));
    }
}
