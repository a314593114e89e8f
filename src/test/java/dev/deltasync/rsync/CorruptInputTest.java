package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorruptInputTest {

    private final byte[] basis = Engine.random(1, 50_000);
    private final byte[] changed = changed();

    private byte[] changed() {
        byte[] data = Arrays.copyOf(basis, 60_000);
        System.arraycopy(Engine.random(2, 10_000), 0, data, 50_000, 10_000);
        data[100] ^= 1;
        return data;
    }

    private Signature signature() throws IOException {
        return Engine.signature(basis, 1024);
    }

    private Signature readSignature(byte[] bytes) throws IOException {
        return SignatureFormat.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void signatureSurvivesItsFormat() throws IOException {
        Signature signature = signature();

        assertThat(readSignature(Engine.signatureBytes(signature))).isEqualTo(signature);
        assertThat(readSignature(Engine.signatureBytes(Signature.empty()))).isEqualTo(Signature.empty());
    }

    @Test
    void everyTruncatedSignatureIsRejected() throws IOException {
        byte[] bytes = Engine.signatureBytes(signature());
        for (int length = 0; length < bytes.length; length += 7) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> readSignature(cut)).as("cut at %d", length)
                    .isInstanceOf(SignatureFormatException.class).hasMessageStartingWith("signature");
        }
    }

    @Test
    void everyBitFlipInASignatureIsRejected() throws IOException {
        byte[] bytes = Engine.signatureBytes(signature());
        for (int bit = 0; bit < bytes.length * 8; bit += 13) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> readSignature(flipped)).as("bit %d", bit).isInstanceOf(SignatureFormatException.class);
        }
    }

    @Test
    void signatureWithUnknownVersionOrMagicIsRejected() throws IOException {
        byte[] bytes = Engine.signatureBytes(signature());
        byte[] version = bytes.clone();
        version[4] = 9;
        byte[] magic = bytes.clone();
        magic[0] = 'X';

        assertThatThrownBy(() -> readSignature(version)).hasMessage(
                "signature format version 9 is not supported (this build reads version 1)");
        assertThatThrownBy(() -> readSignature(magic)).hasMessageContaining("not a deltasync signature");
    }

    @Test
    void signatureWithImpossibleLengthsIsRejected() throws IOException {
        byte[] bytes = Engine.signatureBytes(signature());
        byte[] strong = bytes.clone();
        strong[7] = 17;
        byte[] block = bytes.clone();
        ByteBuffer.wrap(block).putInt(8, 3);
        byte[] basisLength = bytes.clone();
        ByteBuffer.wrap(basisLength).putLong(12, 50_000 + 1024);

        assertThatThrownBy(() -> readSignature(strong)).hasMessageContaining("strong length 17 is outside 2..16");
        assertThatThrownBy(() -> readSignature(block)).hasMessageContaining("block length 3 is outside");
        assertThatThrownBy(() -> readSignature(basisLength)).isInstanceOf(SignatureFormatException.class);
    }

    @Test
    void signatureWithTrailingBytesIsRejected() throws IOException {
        byte[] bytes = Engine.signatureBytes(signature());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);

        assertThatThrownBy(() -> readSignature(longer)).hasMessageContaining("unexpected bytes after the end");
    }

    @Test
    void everyTruncatedDeltaIsRejected() throws IOException {
        byte[] delta = Engine.delta(signature(), changed).bytes();
        for (int length = 0; length < delta.length; length += 97) {
            byte[] cut = Arrays.copyOf(delta, length);
            assertThatThrownBy(() -> Engine.patch(basis, cut)).as("cut at %d", length)
                    .isInstanceOf(DeltaFormatException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void everyBitFlipInADeltaIsRejected() throws IOException {
        byte[] delta = Engine.delta(signature(), changed).bytes();
        for (int bit = 0; bit < delta.length * 8; bit += 211) {
            byte[] flipped = delta.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> Engine.patch(basis, flipped)).as("bit %d", bit).isInstanceOf(EngineException.class);
        }
    }

    /** A compact delta (version 3) has no CRC: what damage does to it is caught by its format or the result's hash. */
    @Test
    void everyTruncationAndEveryBitFlipOfACompactDeltaIsRejected() throws IOException {
        byte[] delta = RefiningEncoderTest.encode(basis, changed, RefinePolicy.DEFAULT).delta();
        assertThat(delta[4]).isEqualTo((byte) 3);
        for (int length = 0; length < delta.length; length += 7) {
            byte[] cut = Arrays.copyOf(delta, length);
            assertThatThrownBy(() -> Engine.patch(basis, cut)).as("cut at %d", length)
                    .isInstanceOf(DeltaFormatException.class).hasMessageContaining("truncated");
        }
        for (int bit = 0; bit < delta.length * 8; bit += 5) {
            byte[] flipped = delta.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> Engine.patch(basis, flipped)).as("bit %d", bit).isInstanceOf(EngineException.class);
        }
    }

    @Test
    void deltaWithUnknownVersionIsRejected() throws IOException {
        byte[] delta = Engine.delta(signature(), changed).bytes();
        delta[4] = 4;

        assertThatThrownBy(() -> Engine.patch(basis, delta)).isInstanceOf(DeltaFormatException.class)
                .hasMessage("delta format version 4 is not supported (this build reads versions 1 to 3)");
    }

    @Test
    void copyBeyondTheBasisIsRejected() throws IOException {
        byte[] delta = Engine.delta(signature(), basis).bytes();
        int copyOp = 4 + 1 + 4 + 8 + 32;
        assertThat(delta[copyOp]).isEqualTo((byte) 'C');
        ByteBuffer.wrap(delta).putInt(copyOp + 5, 50);

        assertThatThrownBy(() -> Engine.patch(basis, delta)).isInstanceOf(DeltaFormatException.class)
                .hasMessageContaining("copies blocks 0..49 but the basis has only 49 blocks");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65_537})
    void literalOfImpossibleLengthIsRejected(int length) throws IOException {
        byte[] delta = Engine.delta(Signature.empty(), changed).bytes();
        int literalOp = 4 + 1 + 4 + 8 + 32;
        assertThat(delta[literalOp]).isEqualTo((byte) 'L');
        ByteBuffer.wrap(delta).putInt(literalOp + 1, length);

        assertThatThrownBy(() -> Engine.patch(new byte[0], delta)).isInstanceOf(DeltaFormatException.class)
                .hasMessageContaining("literal length " + length + " is outside 1..65536");
    }

    @Test
    void patchingAnotherBasisOfTheSameLengthIsRejected() throws IOException {
        byte[] delta = Engine.delta(signature(), changed).bytes();
        byte[] other = basis.clone();
        other[20_000] ^= 0x40;

        assertThatThrownBy(() -> Engine.patch(other, delta)).isInstanceOf(WrongBasisException.class)
                .hasMessageContaining("is not the file the delta was made against");
    }

    @Test
    void patchingABasisOfAnotherLengthIsRejectedBeforeReadingIt() throws IOException {
        byte[] delta = Engine.delta(signature(), changed).bytes();

        assertThatThrownBy(() -> Engine.patch(Arrays.copyOf(basis, 49_999), delta)).isInstanceOf(WrongBasisException.class)
                .hasMessageContaining("has 49999 bytes, but the delta was made against a file of 50000 bytes");
    }

    @Test
    void aBasisHashVouchedByTheCallerMustMatchTheDelta() throws IOException {
        byte[] delta = Engine.delta(signature(), changed).bytes();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("basis", ".bin");
        try {
            java.nio.file.Files.write(file, basis);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

            Patcher.patch(file, Sha256.hex(basis), new ByteArrayInputStream(delta), out);
            assertThat(out.toByteArray()).isEqualTo(changed);
            assertThatThrownBy(() -> Patcher.patch(file, Sha256.hex(changed), new ByteArrayInputStream(delta),
                    java.io.OutputStream.nullOutputStream())).isInstanceOf(WrongBasisException.class);
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
