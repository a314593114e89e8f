package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeltaSizeTest {

    private static final int SIZE = 8 << 20;
    private static final int OP_OVERHEAD = 64;

    private final byte[] basis = Engine.random(42, SIZE);

    @ParameterizedTest(name = "{0} bytes inserted")
    @ValueSource(ints = {1, 100, 5_000, 70_000, 300_000})
    void insertionCostsAtMostItsLengthPlusOneBlock(int inserted) throws IOException {
        ByteArrayOutputStream changed = new ByteArrayOutputStream();
        changed.write(basis, 0, 3_000_001);
        changed.writeBytes(Engine.random(7, inserted));
        changed.write(basis, 3_000_001, SIZE - 3_000_001);
        Signature signature = Engine.signature(basis);

        Engine.Delta delta = Engine.delta(signature, changed.toByteArray());

        assertThat(delta.stats().literalBytes()).isLessThanOrEqualTo(inserted + signature.blockLength());
        int headerAndTrailer = 128;
        long literalOps = inserted / DeltaFormat.MAX_LITERAL + 2;
        assertThat(delta.stats().deltaBytes())
                .isLessThanOrEqualTo(delta.stats().literalBytes() + literalOps * 5 + OP_OVERHEAD + headerAndTrailer);
        assertThat(Engine.patch(basis, delta.bytes())).isEqualTo(changed.toByteArray());
    }

    @Test
    void unchangedFileIsOneCopyOp() throws IOException {
        Engine.Delta delta = Engine.delta(Engine.signature(basis), basis);

        assertThat(delta.stats().literalBytes()).isZero();
        assertThat(delta.stats().matchedBytes()).isEqualTo(SIZE);
        int header = 4 + 1 + 4 + 8 + 32;
        int copy = 9;
        int trailer = 1 + 8 + 32 + 4;
        assertThat(delta.bytes()).hasSize(header + copy + trailer);
    }

    @Test
    void oneByteShiftCostsOneLiteralByte() throws IOException {
        byte[] shifted = new byte[SIZE + 1];
        shifted[0] = 7;
        System.arraycopy(basis, 0, shifted, 1, SIZE);

        Engine.Delta delta = Engine.delta(Engine.signature(basis), shifted);

        assertThat(delta.stats().literalBytes()).isEqualTo(1);
        assertThat(Engine.patch(basis, delta.bytes())).isEqualTo(shifted);
    }

    @Test
    void appendedDataCostsItsLengthPlusAtMostTheShortLastBlock() throws IOException {
        byte[] appended = java.util.Arrays.copyOf(basis, SIZE + 12_345);
        System.arraycopy(Engine.random(3, 12_345), 0, appended, SIZE, 12_345);
        Signature signature = Engine.signature(java.util.Arrays.copyOf(basis, SIZE - 1000));

        Engine.Delta delta = Engine.delta(signature, appended);

        assertThat(delta.stats().literalBytes()).isLessThanOrEqualTo(12_345 + 1000 + signature.blockLength());
    }

    @Test
    void unrelatedFileIsAllLiteralWithSmallOverhead() throws IOException {
        byte[] other = Engine.random(99, SIZE);

        Engine.Delta delta = Engine.delta(Engine.signature(basis), other);

        assertThat(delta.stats().literalBytes()).isEqualTo(SIZE);
        assertThat(delta.bytes().length - SIZE).isLessThan(SIZE / 10_000);
    }

    @Test
    void movedBlocksAreFoundAnywhere() throws IOException {
        ByteArrayOutputStream swapped = new ByteArrayOutputStream();
        swapped.write(basis, SIZE / 2, SIZE / 2);
        swapped.write(basis, 0, SIZE / 2);
        Signature signature = Engine.signature(basis);

        Engine.Delta delta = Engine.delta(signature, swapped.toByteArray());

        assertThat(delta.stats().literalBytes()).isLessThanOrEqualTo(2L * signature.blockLength());
    }
}
