package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deltasync.rsync.RoundTripProperties.Edit;
import dev.deltasync.rsync.RoundTripProperties.Texture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The multi-round encoder against a receiver that answers through the real range-signature format:
 * every result patches back to the new content, and the bytes on the wire are a fraction of one-round rsync's.
 */
class RefiningEncoderTest {

    private static final Path dir = tempDir();

    private static Path tempDir() {
        try {
            Path made = Files.createTempDirectory("refine");
            made.toFile().deleteOnExit();
            return made;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A receiver with {@code basis}: answers rounds through the wire format, counting request and reply bytes. */
    static class Receiver implements RefiningEncoder.SignatureSource {
        final Path basis;
        /** Whether rounds are answered with sums cut to the width asked for (bare), or whole and checked. */
        final boolean cut;
        long wireBytes;
        int requests;
        /** Per later round: the bytes it said it would search, and those it told as searched. */
        final List<long[]> searches = new java.util.ArrayList<>();

        Receiver(Path basis) {
            this(basis, true);
        }

        Receiver(Path basis, boolean cut) {
            this.basis = basis;
            this.cut = cut;
        }

        @Override
        public void searching(long bytes) {
            searches.add(new long[] {bytes, 0});
        }

        @Override
        public void searched(long bytes) {
            searches.get(searches.size() - 1)[1] += bytes;
        }

        @Override
        public List<Signature> signatures(int blockLength, long seed, List<BasisRange> ranges, SumWidth wanted)
                throws IOException {
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            SumWidth width = cut ? wanted : null;
            RangeSignatures.Form form = cut ? RangeSignatures.Form.BARE : RangeSignatures.Form.CHECKED;
            try (FileChannel channel = FileChannel.open(basis, StandardOpenOption.READ)) {
                RangeSignatures.write(channel, channel.size(), blockLength, seed, ranges, width, form, reply);
            }
            requests++;
            wireBytes += reply.size() + 16L * ranges.size();
            ByteArrayInputStream in = new ByteArrayInputStream(reply.toByteArray());
            if (cut) {
                assertThat((long) reply.size()).isEqualTo(RangeSignatures.replyBytes(blockLength, ranges, width));
                return RangeSignatures.read(in, blockLength, seed, ranges, width);
            }
            assertThat((long) reply.size()).isEqualTo(RangeSignatures.replyBytes(blockLength, ranges, RangeSignatures.Form.CHECKED));
            return RangeSignatures.read(in, blockLength, seed, ranges, RangeSignatures.Form.CHECKED);
        }
    }

    record Outcome(byte[] delta, RefiningEncoder.Result result, Receiver receiver) {
        long wireBytes() {
            return delta.length + receiver.wireBytes;
        }
    }

    /** Files whose first delta did not verify (a false match of cut sums) and were encoded again, as the sender does. */
    static final java.util.concurrent.atomic.AtomicInteger RETRIED = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Encodes {@code changed} against {@code basis} through a receiver that cuts the sums to the width asked for.
     * Such sums aim at 2^-16 false matches per round, which the whole-file SHA-256 catches: like the sender, a
     * delta that does not verify is made again once (fresh seeds); a second failure fails the test.
     */
    static Outcome encode(byte[] basis, byte[] changed, RefinePolicy policy) throws IOException {
        Outcome outcome = encode(basis, changed, policy, true);
        try {
            Engine.patch(basis, outcome.delta());
            return outcome;
        } catch (VerificationException falseMatch) {
            RETRIED.incrementAndGet();
            return encode(basis, changed, policy, true);
        }
    }

    /** @param cut sums cut to the width asked for and a compact delta (what two current peers use), or neither */
    static Outcome encode(byte[] basis, byte[] changed, RefinePolicy policy, boolean cut) throws IOException {
        Path basisFile = Files.createTempFile(dir, "basis", "");
        Path newFile = Files.createTempFile(dir, "new", "");
        Files.write(basisFile, basis);
        Files.write(newFile, changed);
        Receiver receiver = new Receiver(basisFile, cut);
        ByteArrayOutputStream delta = new ByteArrayOutputStream();
        RefiningEncoder.Result result;
        try (InputStream in = Files.newInputStream(newFile)) {
            result = RefiningEncoder.encode(newFile, in, basis.length, Sha256.hex(basis), null, receiver, policy, cut,
                    () -> delta);
        }
        Files.delete(basisFile);
        Files.delete(newFile);
        return new Outcome(delta.toByteArray(), result, receiver);
    }

    @Property(tries = 120)
    void patchRebuildsTheNewContent(@ForAll("sizes") int size, @ForAll Texture texture, @ForAll long seed,
                                    @ForAll @Size(max = 6) List<@From("edits") Edit> edits) throws IOException {
        byte[] basis = RoundTripProperties.content(texture, seed, size);
        byte[] changed = RoundTripProperties.applyEdits(basis, edits, new Random(seed + 1));

        Outcome outcome = encode(basis, changed, RefinePolicy.DEFAULT);

        assertThat(Engine.patch(basis, outcome.delta())).isEqualTo(changed);
        DeltaStats stats = outcome.result().stats();
        assertThat(stats.newLength()).isEqualTo(changed.length);
        assertThat(stats.literalBytes() + stats.matchedBytes()).isEqualTo(changed.length);
        assertThat(stats.newSha256Hex()).isEqualTo(Sha256.hex(changed));
        assertThat(stats.deltaBytes()).isEqualTo(outcome.delta().length);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> sizes() {
        return new RoundTripProperties().sizes();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Edit> edits() {
        return new RoundTripProperties().edits();
    }

    @Test
    void aSignatureOfTheBasisTheSenderHoldsStandsForTheFirstRounds() throws IOException {
        byte[] basis = Engine.random(17, 4 << 20);
        byte[] changed = basis.clone();
        for (int at : new int[] {100_000, 2_000_000, 3_500_000}) {
            changed[at] ^= 0x11;
        }
        Path basisFile = Files.write(Files.createTempFile(dir, "basis", ""), basis);
        Path newFile = Files.write(Files.createTempFile(dir, "new", ""), changed);
        Signature known = SignatureBuilder.build(basisFile, 2048);

        Receiver asked = new Receiver(basisFile);
        ByteArrayOutputStream delta = new ByteArrayOutputStream();
        RefiningEncoder.Result result;
        try (InputStream in = Files.newInputStream(newFile)) {
            result = RefiningEncoder.encode(newFile, in, basis.length, Sha256.hex(basis), known, asked,
                    RefinePolicy.DEFAULT, () -> delta);
        }
        Outcome without = encode(basis, changed, RefinePolicy.DEFAULT);

        assertThat(Engine.patch(basis, delta.toByteArray())).isEqualTo(changed);
        // 2 KiB blocks from the cache, then 256 and 32 (RefinePolicy.shrinkAfter): two requests instead of seven
        assertThat(asked.requests).isEqualTo(2).isLessThan(without.receiver().requests);
        assertThat(asked.wireBytes + delta.size()).isLessThan(without.wireBytes());

        // a signature of another version is not used: the first round is asked for
        Signature other = SignatureBuilder.build(newFile, 2048);
        Receiver again = new Receiver(basisFile);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(newFile)) {
            RefiningEncoder.encode(newFile, in, basis.length, Sha256.hex(basis), other, again, RefinePolicy.DEFAULT,
                    () -> second);
        }
        assertThat(again.requests).isEqualTo(without.receiver().requests);
        assertThat(Engine.patch(basis, second.toByteArray())).isEqualTo(changed);
    }

    @Test
    void aFirstPassMadeAheadIsNotReadAgainAndGivesTheSameDelta() throws IOException {
        byte[] basis = Engine.random(19, 4 << 20);
        byte[] changed = basis.clone();
        for (int at : new int[] {300_000, 1_500_000, 3_900_000}) {
            changed[at] ^= 0x5a;
        }
        Path basisFile = Files.write(Files.createTempFile(dir, "basis", ""), basis);
        Path newFile = Files.write(Files.createTempFile(dir, "new", ""), changed);
        Signature known = SignatureBuilder.build(basisFile, 2048);
        RefiningEncoder.FirstPass pass;
        try (InputStream in = Files.newInputStream(newFile)) {
            pass = RefiningEncoder.firstPass(in, known);
        }
        InputStream notToBeRead = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the new content was read in order again");
            }
        };

        ByteArrayOutputStream ahead = new ByteArrayOutputStream();
        RefiningEncoder.encode(newFile, notToBeRead, basis.length, Sha256.hex(basis), known, pass,
                new Receiver(basisFile), RefinePolicy.DEFAULT, false, () -> ahead);
        ByteArrayOutputStream inline = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(newFile)) {
            RefiningEncoder.encode(newFile, in, basis.length, Sha256.hex(basis), known, new Receiver(basisFile),
                    RefinePolicy.DEFAULT, false, () -> inline);
        }

        assertThat(pass.sha256Hex()).isEqualTo(Sha256.hex(changed));
        assertThat(Engine.patch(basis, ahead.toByteArray())).isEqualTo(changed);
        assertThat(ahead.size()).isEqualTo(inline.size());

        // a pass made against another signature is not used: the content is read
        Signature coarser = SignatureBuilder.build(basisFile, 4096);
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(newFile)) {
            RefiningEncoder.encode(newFile, in, basis.length, Sha256.hex(basis), coarser, pass,
                    new Receiver(basisFile), RefinePolicy.DEFAULT, false, () -> other);
        }
        assertThat(Engine.patch(basis, other.toByteArray())).isEqualTo(changed);
    }

    @Test
    void onASlowLinkARoundThatSavesLessThanItsRoundTripIsNotAskedFor() throws IOException {
        byte[] basis = Engine.random(23, 8 << 20);
        byte[] changed = new byte[basis.length + 100];
        System.arraycopy(basis, 0, changed, 0, 4 << 20);
        System.arraycopy(Engine.random(24, 100), 0, changed, 4 << 20, 100);
        System.arraycopy(basis, 4 << 20, changed, (4 << 20) + 100, basis.length - (4 << 20));

        Outcome everyRound = encode(basis, changed, RefinePolicy.DEFAULT);
        RefinePolicy slowLink = RefinePolicy.DEFAULT.onLink(40_000_000L); // 40 ms at 20 Mbit/s, 30 of them the link's
        Outcome worthTheirTime = encode(basis, changed, slowLink);

        assertThat(slowLink.roundTripBytes()).isEqualTo(75_000);
        assertThat(Engine.patch(basis, worthTheirTime.delta())).isEqualTo(changed);
        assertThat(worthTheirTime.receiver().requests).as("rounds asked for").isLessThan(everyRound.receiver().requests);
        // each round asked for could still save a round trip's worth; the ones left out could not have
        long extra = worthTheirTime.wireBytes() - everyRound.wireBytes();
        assertThat(extra).isPositive().isLessThan(slowLink.roundTripBytes() * 2);
        // the blocks shrink by expected time (RefinePolicy.nextBlockByTime): 46.8 KB by a quarter a round, now ~12 KB
        assertThat(worthTheirTime.wireBytes()).isLessThan(16_000);
        assertThat(RefinePolicy.DEFAULT.onLink(3_000_000L).roundTripBytes()).as("a loopback round trip").isZero();
        assertThat(RefinePolicy.DEFAULT.onLink(-1).roundTripBytes()).as("none measured yet").isZero();
    }

    @Test
    void sumsCutToTheSearchCostAboutAThirdLessThanWholeOnesAndRebuildTheSame() throws IOException {
        byte[] basis = RoundTripProperties.content(Texture.TEXT_LIKE, 3, 4096);
        byte[] changed = RoundTripProperties.applyEdits(basis,
                List.of(new Edit(RoundTripProperties.Kind.OVERWRITE, 0.3, 12), new Edit(RoundTripProperties.Kind.INSERT, 0.8, 40)), new Random(4));

        Outcome whole = encode(basis, changed, RefinePolicy.DEFAULT, false);
        Outcome cut = encode(basis, changed, RefinePolicy.DEFAULT);

        assertThat(Engine.patch(basis, cut.delta())).isEqualTo(changed);
        assertThat(Engine.patch(basis, whole.delta())).isEqualTo(changed);
        assertThat(cut.result().rounds()).isEqualTo(whole.result().rounds());
        // 4 KiB in 512-byte blocks, then a few 128- and 32-byte ones: ~28 bits a block instead of 40 + a header
        assertThat(cut.receiver().wireBytes).isLessThan(whole.receiver().wireBytes * 3 / 4);
    }

    @Test
    void aCompactDeltaIsSmallerAndStillRefusesAnotherBasisATruncationAndDamage() throws IOException {
        byte[] basis = RoundTripProperties.content(Texture.TEXT_LIKE, 8, 200_000);
        byte[] changed = RoundTripProperties.applyEdits(basis, List.of(new Edit(RoundTripProperties.Kind.OVERWRITE, 0.2, 30),
                new Edit(RoundTripProperties.Kind.INSERT, 0.5, 300), new Edit(RoundTripProperties.Kind.DELETE, 0.9, 50)),
                new Random(9));

        byte[] compact = encode(basis, changed, RefinePolicy.DEFAULT).delta();
        byte[] full = encode(basis, changed, RefinePolicy.DEFAULT, false).delta();

        assertThat(compact[4]).as("version").isEqualTo((byte) 3);
        assertThat(Engine.patch(basis, compact)).isEqualTo(changed);
        // two hashes of 32 bytes become 8, the CRC goes, offsets and lengths shrink to varints
        assertThat(compact.length).isLessThan(full.length - 60);
        byte[] other = basis.clone();
        other[100] ^= 1;
        assertThatThrownBy(() -> Engine.patch(other, compact)).isInstanceOf(WrongBasisException.class);
        assertThatThrownBy(() -> Engine.patch(basis, java.util.Arrays.copyOf(compact, compact.length - 3)))
                .isInstanceOf(DeltaFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> Engine.patch(basis, java.util.Arrays.copyOf(compact, compact.length + 1)))
                .isInstanceOf(DeltaFormatException.class).hasMessageContaining("after the end");
        byte[] damaged = compact.clone();
        damaged[damaged.length - 12] ^= 0x40; // in the last literal: only the result's hash prefix can tell
        assertThatThrownBy(() -> Engine.patch(basis, damaged)).isInstanceOf(EngineException.class);
    }

    @Test
    void oneChangedByteInFourMegabytesCostsTensOfBytesNotABlock() throws IOException {
        byte[] basis = Engine.random(7, 4 << 20);
        byte[] changed = basis.clone();
        changed[3_000_001] ^= 0x55;

        Outcome outcome = encode(basis, changed, RefinePolicy.DEFAULT);

        assertThat(Engine.patch(basis, outcome.delta())).isEqualTo(changed);
        assertThat(outcome.result().stats().literalBytes()).isBetween(1L, 64L);
        long rsyncSignature = Engine.signatureBytes(Engine.signature(basis)).length;
        assertThat(outcome.wireBytes()).isLessThan(rsyncSignature / 10).isLessThan(2_000);
        assertThat(outcome.result().rounds()).isGreaterThan(1);
    }

    @Test
    void eachLaterRoundTellsHowMuchItSearchesAndThenAllOfItAsSearched() throws IOException {
        byte[] basis = Engine.random(7, 4 << 20);
        byte[] changed = basis.clone();
        changed[3_000_001] ^= 0x55;

        Outcome outcome = encode(basis, changed, RefinePolicy.DEFAULT);

        assertThat(outcome.receiver().searches).hasSize(outcome.result().rounds() - 1).allSatisfy(round -> {
            assertThat(round[0]).as("bytes to search").isPositive().isLessThan(changed.length);
            assertThat(round[1]).as("bytes searched").isEqualTo(round[0]);
        });
    }

    @Test
    void scatteredOverwritesStayFarBelowOneRoundRsync() throws IOException {
        byte[] basis = Engine.random(11, 8 << 20);
        byte[] changed = basis.clone();
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            changed[random.nextInt(changed.length)] ^= 1;
        }

        Outcome outcome = encode(basis, changed, RefinePolicy.DEFAULT);

        assertThat(Engine.patch(basis, outcome.delta())).isEqualTo(changed);
        Engine.Delta rsync = Engine.delta(Engine.signature(basis), changed);
        long rsyncBytes = rsync.bytes().length + Engine.signatureBytes(Engine.signature(basis)).length;
        assertThat(outcome.wireBytes()).isLessThan(rsyncBytes / 8);
    }

    @Test
    void aNewFileNeedsNoRoundAndIsAllLiteral() throws IOException {
        byte[] content = Engine.random(5, 100_000);

        Outcome outcome = encode(new byte[0], content, RefinePolicy.DEFAULT);

        assertThat(outcome.receiver().requests).isZero();
        assertThat(outcome.result().stats().matchedBytes()).isZero();
        assertThat(Engine.patch(new byte[0], outcome.delta())).isEqualTo(content);
    }

    @Test
    void unrelatedContentStopsAfterTheFirstRound() throws IOException {
        byte[] basis = Engine.random(1, 1 << 20);
        byte[] other = Engine.random(2, 1 << 20);

        Outcome outcome = encode(basis, other, RefinePolicy.DEFAULT);

        assertThat(Engine.patch(basis, outcome.delta())).isEqualTo(other);
        // refining everything could only find nothing: the policy stops after a round or two
        assertThat(outcome.receiver().wireBytes).isLessThan(other.length / 50);
    }

    @Test
    void aCopyAtOpInAVersionOneDeltaIsRejected() throws IOException {
        byte[] basis = Engine.random(9, 10_000);
        byte[] delta = encode(basis, basis, RefinePolicy.DEFAULT, false).delta();
        delta[4] = 1; // claim version 1: COPY_AT must then be refused, not misread

        assertThatThrownBy(() -> Engine.patch(basis, delta)).isInstanceOf(DeltaFormatException.class)
                .hasMessageContaining("COPY_AT");
    }

    @Test
    void aReplyForOtherRangesIsRejected() throws IOException {
        byte[] basis = Engine.random(4, 50_000);
        Path file = Files.createTempFile(dir, "basis", "");
        Files.write(file, basis);
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        try (FileChannel channel = FileChannel.open(file)) {
            RangeSignatures.write(channel, basis.length, 64, 5L, List.of(new BasisRange(0, 6400)), RangeSignatures.Form.CHECKED, reply);
            assertThatThrownBy(() -> RangeSignatures.write(channel, basis.length, 64, 5L,
                    List.of(new BasisRange(49_990, 20)), RangeSignatures.Form.CHECKED, new ByteArrayOutputStream()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond");
        }
        Files.delete(file);

        List<BasisRange> other = new ArrayList<>(List.of(new BasisRange(0, 6464)));
        assertThatThrownBy(() -> RangeSignatures.read(new ByteArrayInputStream(reply.toByteArray()), 64, 5L, other, RangeSignatures.Form.CHECKED))
                .isInstanceOf(SignatureFormatException.class);
        assertThatThrownBy(() -> RangeSignatures.read(new ByteArrayInputStream(reply.toByteArray()), 64, 6L,
                List.of(new BasisRange(0, 6400)), RangeSignatures.Form.CHECKED)).as("another round's seed").isInstanceOf(SignatureFormatException.class)
                .hasMessageContaining("CRC32C");
        assertThat(RangeSignatures.read(new ByteArrayInputStream(reply.toByteArray()), 64, 5L,
                List.of(new BasisRange(0, 6400)), RangeSignatures.Form.CHECKED)).singleElement().satisfies(sig -> assertThat(sig.blockCount()).isEqualTo(100));
        byte[] damaged = reply.toByteArray();
        damaged[40] ^= 1;
        assertThatThrownBy(() -> RangeSignatures.read(new ByteArrayInputStream(damaged), 64, 5L,
                List.of(new BasisRange(0, 6400)), RangeSignatures.Form.CHECKED)).isInstanceOf(SignatureFormatException.class)
                .hasMessageContaining("CRC32C");
    }

    @Test
    void bareSumsAreTheCheckedOnesWithoutHeaderAndCrc() throws IOException {
        byte[] basis = Engine.random(5, 20_000);
        Path file = Files.createTempFile(dir, "basis", "");
        Files.write(file, basis);
        List<BasisRange> ranges = List.of(new BasisRange(0, 3_000), new BasisRange(10_000, 2_000));
        ByteArrayOutputStream checked = new ByteArrayOutputStream();
        ByteArrayOutputStream bare = new ByteArrayOutputStream();
        try (FileChannel channel = FileChannel.open(file)) {
            RangeSignatures.write(channel, basis.length, 128, 7L, ranges, RangeSignatures.Form.CHECKED, checked);
            RangeSignatures.write(channel, basis.length, 128, 7L, ranges, RangeSignatures.Form.BARE, bare);
        }
        Files.delete(file);

        byte[] all = checked.toByteArray();
        assertThat(bare.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(all, 8, all.length - 4));
        assertThat((long) bare.size()).isEqualTo(RangeSignatures.replyBytes(128, ranges, RangeSignatures.Form.BARE));
        List<Signature> fromBare = RangeSignatures.read(new ByteArrayInputStream(bare.toByteArray()), 128, 7L, ranges, RangeSignatures.Form.BARE);
        List<Signature> fromChecked = RangeSignatures.read(new ByteArrayInputStream(all), 128, 7L, ranges, RangeSignatures.Form.CHECKED);
        assertThat(fromBare).hasSize(2).isEqualTo(fromChecked);
    }
}
