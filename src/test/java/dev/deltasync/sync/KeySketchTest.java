package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeySketchTest {

    private static final int KEY_BYTES = 4;

    /** Two sets sharing {@code common} keys, each with its own extra keys. */
    private record Sets(long[] theirs, long[] ours, Set<Long> theirsOnly, Set<Long> oursOnly) {
    }

    private static Sets sets(long seed, int common, int theirsOnly, int oursOnly) {
        Random random = new Random(seed);
        Set<Long> used = new HashSet<>();
        Set<Long> shared = distinct(random, used, common);
        Set<Long> onlyTheirs = distinct(random, used, theirsOnly);
        Set<Long> onlyOurs = distinct(random, used, oursOnly);
        Set<Long> theirs = new HashSet<>(shared);
        theirs.addAll(onlyTheirs);
        Set<Long> ours = new HashSet<>(shared);
        ours.addAll(onlyOurs);
        return new Sets(toArray(theirs), toArray(ours), onlyTheirs, onlyOurs);
    }

    private static Set<Long> distinct(Random random, Set<Long> used, int n) {
        Set<Long> out = new HashSet<>();
        while (out.size() < n) {
            long key = random.nextLong() & 0xFFFF_FFFFL;
            if (used.add(key)) {
                out.add(key);
            }
        }
        return out;
    }

    private static long[] toArray(Set<Long> keys) {
        return keys.stream().mapToLong(Long::longValue).toArray();
    }

    /** Our side of the two sets: their keys are the peer's. */
    private static KeySketchDecoder decoderFor(Sets sets) {
        return new KeySketchDecoder(sets.ours(), KEY_BYTES, sets.theirs().length);
    }

    /** Runs the exchange the way the server asks for symbols; returns the symbols it took. */
    private static long reconcile(Sets sets, KeySketchDecoder decoder, int first) {
        KeySketch sketch = new KeySketch(sets.theirs());
        decoder.add(wire(sketch.symbols(first)));
        while (!decoder.decoded() && !decoder.failed() && decoder.received() < 100_000) {
            decoder.add(wire(sketch.symbols((int) (decoder.wanted() - decoder.received()))));
        }
        return decoder.received();
    }

    /** What crosses the wire: counts modulo 256, sums of the key bytes. */
    private static KeySketch.Symbols wire(KeySketch.Symbols made) {
        KeySketch.Symbols sent = new KeySketch.Symbols(made.from(), made.size());
        for (int i = 0; i < made.size(); i++) {
            sent.set(i, made.count(i), made.sum(i), made.checkSum(i));
        }
        return sent;
    }

    @ParameterizedTest
    @CsvSource({"2000,0,0", "2000,1,0", "2000,0,1", "2000,120,120", "0,500,0", "100000,5,5", "300,300,300",
            "5000,1000,20"})
    void decodesExactlyTheKeysOnlyOneSideHas(int common, int theirsOnly, int oursOnly) {
        Sets sets = sets(common * 31L + theirsOnly, common, theirsOnly, oursOnly);
        KeySketchDecoder decoder = decoderFor(sets);

        reconcile(sets, decoder, 64);

        assertThat(decoder.decoded()).isTrue();
        assertThat(decoder.theirsOnly()).isEqualTo(sets.theirsOnly());
        assertThat(decoder.oursOnly()).isEqualTo(sets.oursOnly());
    }

    @Test
    void costsAboutOneAndAHalfSymbolsPerDifferenceWhateverTheSetSize() {
        for (int common : new int[] {1_000, 100_000}) {
            long total = 0;
            for (int seed = 0; seed < 10; seed++) {
                Sets sets = sets(seed, common, 100, 100);
                total += reconcile(sets, decoderFor(sets), 64);
            }
            // 200 differences: rateless IBLTs need ~1.35 symbols each; asking in steps overshoots some
            assertThat(total / 10.0).as("symbols for 200 differences among %d keys", common).isBetween(200.0, 560.0);
        }
    }

    @Test
    void identicalSetsDecodeFromTheFirstSymbols() {
        Sets sets = sets(7, 10_000, 0, 0);
        KeySketchDecoder decoder = decoderFor(sets);

        decoder.add(wire(new KeySketch(sets.theirs()).symbols(8)));

        assertThat(decoder.decoded()).isTrue();
        assertThat(decoder.theirsOnly()).isEmpty();
    }

    @Test
    void symbolsMadeInStepsAreTheSymbolsMadeAtOnce() {
        long[] keys = sets(3, 500, 0, 0).theirs();
        KeySketch.Symbols once = new KeySketch(keys).symbols(300);
        KeySketch stepwise = new KeySketch(keys);
        int at = 0;
        for (int step : new int[] {1, 63, 100, 136}) {
            KeySketch.Symbols part = stepwise.symbols(step);
            assertThat(part.from()).isEqualTo(at);
            for (int i = 0; i < step; i++) {
                assertThat(part.count(i)).isEqualTo(once.count(at + i));
                assertThat(part.sum(i)).isEqualTo(once.sum(at + i));
                assertThat(part.checkSum(i)).isEqualTo(once.checkSum(at + i));
            }
            at += step;
        }
        assertThat(once.count(0)).as("every key is in symbol 0").isEqualTo(500 & 0xff);
    }

    @Test
    void tooFewSymbolsAskForMoreAndTheAskGrowsWithTheDifference() {
        Sets small = sets(11, 2000, 40, 40);
        Sets large = sets(12, 2000, 400, 400);
        KeySketchDecoder fewMissing = decoderFor(small);
        KeySketchDecoder manyMissing = decoderFor(large);

        fewMissing.add(wire(new KeySketch(small.theirs()).symbols(64)));
        manyMissing.add(wire(new KeySketch(large.theirs()).symbols(64)));

        assertThat(fewMissing.decoded()).isFalse();
        assertThat(fewMissing.wanted()).isGreaterThan(64);
        assertThat(manyMissing.wanted()).isGreaterThan(fewMissing.wanted());
    }

    @Test
    void whileEverySymbolIsBusyTheCountsStillTellRoughlyHowManyKeysDiffer() {
        for (int differing : new int[] {300, 1000}) {
            double asked = 0;
            for (int seed = 0; seed < 10; seed++) {
                Sets sets = sets(100 + seed, 5000, differing / 2, differing / 2);
                KeySketchDecoder decoder = decoderFor(sets);
                decoder.add(wire(new KeySketch(sets.theirs()).symbols(32)));
                asked += decoder.wanted();
            }
            // about 1.5 per differing key, not merely a fixed multiple of the 32 symbols received (up to 64x them)
            assertThat(asked / 10 / differing).as("symbols asked per differing key, %d differing", differing)
                    .isBetween(1.0, 2.5);
        }
    }

    @Test
    void checkHashesCutToThreeBytesStillDecodeExactly() {
        for (long seed = 1; seed <= 20; seed++) {
            Sets sets = sets(seed, 8000, 170, 250);
            KeySketch sketch = new KeySketch(sets.theirs());
            KeySketchDecoder decoder = new KeySketchDecoder(sets.ours(), KEY_BYTES, 3, sets.theirs().length);
            while (!decoder.decoded() && !decoder.failed() && decoder.received() < 100_000) {
                int count = (int) Math.max(16, decoder.received() / 10);
                KeySketch.Symbols made = sketch.symbols(count);
                KeySketch.Symbols sent = new KeySketch.Symbols(made.from(), made.size());
                for (int i = 0; i < made.size(); i++) {
                    sent.set(i, made.count(i), made.sum(i), made.checkSum(i) & 0xFF_FFFFL); // what crosses the wire
                }
                decoder.add(sent);
            }

            assertThat(decoder.decoded()).as("seed %d", seed).isTrue();
            assertThat(decoder.theirsOnly()).isEqualTo(sets.theirsOnly());
            assertThat(decoder.oursOnly()).isEqualTo(sets.oursOnly());
            assertThat(decoder.received()).as("about 1.4 symbols per differing key").isLessThan(420 * 18 / 10);
        }
    }

    @Test
    void noiseNeverDecodes() {
        Random random = new Random(5);
        KeySketchDecoder decoder = new KeySketchDecoder(sets(5, 1000, 0, 0).ours(), KEY_BYTES, 1000);
        KeySketch.Symbols noise = new KeySketch.Symbols(0, 256);
        for (int i = 0; i < noise.size(); i++) {
            noise.set(i, random.nextInt(256), random.nextLong(), random.nextLong() & 0xFFFF_FFFFL);
        }

        decoder.add(noise);

        assertThat(decoder.decoded()).isFalse();
    }
}
