package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The backbone: whatever the basis and the edits, patch(basis, delta(signature(basis), new)) == new. */
class RoundTripProperties {

    enum Texture { RANDOM, TEXT_LIKE, ZEROS, REPEATING }

    enum Kind { INSERT, DELETE, OVERWRITE, APPEND, TRUNCATE, DUPLICATE }

    record Edit(Kind kind, double where, int length) {
    }

    @Property(tries = 150)
    void patchRebuildsTheNewContent(@ForAll("sizes") int size, @ForAll Texture texture, @ForAll long seed,
                                    @ForAll @Size(max = 6) List<@net.jqwik.api.From("edits") Edit> edits,
                                    @ForAll("blockLengths") int blockLength) throws IOException {
        byte[] basis = content(texture, seed, size);
        byte[] changed = applyEdits(basis, edits, new Random(seed + 1));
        Signature signature = blockLength == 0 ? Engine.signature(basis) : Engine.signature(basis, blockLength);

        Engine.Delta delta = Engine.delta(signature, changed);

        assertThat(Engine.patch(basis, delta.bytes())).isEqualTo(changed);
        assertThat(delta.stats().newLength()).isEqualTo(changed.length);
        assertThat(delta.stats().literalBytes() + delta.stats().matchedBytes()).isEqualTo(changed.length);
        assertThat(delta.stats().newSha256Hex()).isEqualTo(Sha256.hex(changed));
        assertThat(delta.stats().deltaBytes()).isEqualTo(delta.bytes().length);
    }

    @Property(tries = 40)
    void unrelatedContentRoundTrips(@ForAll("sizes") int basisSize, @ForAll("sizes") int newSize, @ForAll long seed)
            throws IOException {
        byte[] basis = Engine.random(seed, basisSize);
        byte[] other = Engine.random(seed ^ 0x5DEECE66DL, newSize);

        Engine.Delta delta = Engine.delta(Engine.signature(basis), other);

        assertThat(Engine.patch(basis, delta.bytes())).isEqualTo(other);
    }

    @Property(tries = 40)
    void identicalContentIsAllCopies(@ForAll("sizes") int size, @ForAll Texture texture, @ForAll long seed,
                                     @ForAll("blockLengths") int blockLength) throws IOException {
        byte[] basis = content(texture, seed, size);
        Signature signature = blockLength == 0 ? Engine.signature(basis) : Engine.signature(basis, blockLength);

        Engine.Delta delta = Engine.delta(signature, basis);

        assertThat(delta.stats().literalBytes()).isZero();
        assertThat(Engine.patch(basis, delta.bytes())).isEqualTo(basis);
    }

    @Property(tries = 30)
    void newFileAgainstEmptySignatureIsAllLiteral(@ForAll("sizes") int size, @ForAll long seed) throws IOException {
        byte[] content = Engine.random(seed, size);

        Engine.Delta delta = Engine.delta(Signature.empty(), content);

        assertThat(delta.stats().matchedBytes()).isZero();
        assertThat(Engine.patch(new byte[0], delta.bytes())).isEqualTo(content);
    }

    @Property(tries = 60)
    void blockLengthEdgeCases(@ForAll @IntRange(min = 16, max = 64) int blockLength,
                              @ForAll @IntRange(min = 0, max = 3) int blocks, @ForAll @IntRange(min = -1, max = 1) int extra,
                              @ForAll @IntRange(min = -2, max = 2) int newExtra, @ForAll long seed) throws IOException {
        byte[] basis = Engine.random(seed, Math.max(0, blocks * blockLength + extra));
        byte[] changed = java.util.Arrays.copyOf(basis, Math.max(0, basis.length + newExtra));

        Engine.Delta delta = Engine.delta(Engine.signature(basis, blockLength), changed);

        assertThat(Engine.patch(basis, delta.bytes())).isEqualTo(changed);
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 2_000)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(2_000, 200_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(200_000, 5_000_000)));
    }

    @Provide
    Arbitrary<Integer> blockLengths() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(16, 4096)));
    }

    @Provide
    Arbitrary<Edit> edits() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 100_000)).as(Edit::new);
    }

    static byte[] content(Texture texture, long seed, int size) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        switch (texture) {
            case RANDOM -> random.nextBytes(data);
            case TEXT_LIKE -> {
                for (int i = 0; i < size; i++) {
                    data[i] = (byte) (random.nextInt(8) == 0 ? '\n' : 'a' + random.nextInt(6));
                }
            }
            case ZEROS -> { }
            case REPEATING -> {
                byte[] pattern = Engine.random(seed, 1 + random.nextInt(64));
                for (int i = 0; i < size; i++) {
                    data[i] = pattern[i % pattern.length];
                }
            }
        }
        return data;
    }

    static byte[] applyEdits(byte[] basis, List<Edit> edits, Random random) {
        byte[] data = basis;
        for (Edit edit : edits) {
            int at = (int) (edit.where() * data.length);
            int length = Math.min(edit.length(), data.length - at);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (edit.kind()) {
                case INSERT -> {
                    out.write(data, 0, at);
                    out.writeBytes(Engine.random(random.nextLong(), edit.length()));
                    out.write(data, at, data.length - at);
                }
                case DELETE -> {
                    out.write(data, 0, at);
                    out.write(data, at + length, data.length - at - length);
                }
                case OVERWRITE -> {
                    out.writeBytes(data);
                    byte[] copy = out.toByteArray();
                    byte[] noise = Engine.random(random.nextLong(), length);
                    System.arraycopy(noise, 0, copy, at, length);
                    return applyEdits(copy, edits.subList(edits.indexOf(edit) + 1, edits.size()), random);
                }
                case APPEND -> {
                    out.writeBytes(data);
                    out.writeBytes(Engine.random(random.nextLong(), edit.length()));
                }
                case TRUNCATE -> out.write(data, 0, at);
                case DUPLICATE -> {
                    out.write(data, 0, at + length);
                    out.write(data, at, data.length - at);
                }
            }
            data = out.toByteArray();
        }
        return data;
    }
}
