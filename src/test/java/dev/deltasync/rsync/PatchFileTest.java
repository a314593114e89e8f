package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchFileTest {

    @TempDir
    Path dir;

    private final byte[] basisContent = Engine.random(5, 3_000_000);
    private final byte[] newContent = newContent();

    private byte[] newContent() {
        byte[] data = basisContent.clone();
        System.arraycopy(Engine.random(6, 5000), 0, data, 1_000_000, 5000);
        return data;
    }

    private Path deltaFile(Signature signature, byte[] content) throws IOException {
        Path delta = dir.resolve("delta");
        Files.write(delta, Engine.delta(signature, content).bytes());
        return delta;
    }

    @Test
    void createsTheVerifiedOutput() throws IOException {
        Path basis = Files.write(dir.resolve("basis"), basisContent);
        Path output = dir.resolve("out");

        PatchResult result = PatchFile.apply(basis, deltaFile(SignatureBuilder.build(basis), newContent), output);

        assertThat(output).hasBinaryContent(newContent);
        assertThat(result.length()).isEqualTo(newContent.length);
        assertThat(result.sha256Hex()).isEqualTo(Sha256.hex(newContent));
        assertThat(result.literalBytes() + result.matchedBytes()).isEqualTo(newContent.length);
        assertThat(Sha256.hex(output)).isEqualTo(result.sha256Hex());
        assertThat(dir).isDirectoryNotContaining("glob:**.deltasync-tmp");
    }

    @Test
    void canPatchTheBasisInPlace() throws IOException {
        Path basis = Files.write(dir.resolve("basis"), basisContent);

        PatchFile.apply(basis, deltaFile(SignatureBuilder.build(basis), newContent), basis);

        assertThat(basis).hasBinaryContent(newContent);
    }

    @Test
    void createsANewFileFromADeltaAgainstNothing() throws IOException {
        Path output = dir.resolve("new");

        PatchFile.apply(null, deltaFile(Signature.empty(), newContent), output);

        assertThat(output).hasBinaryContent(newContent);
    }

    @Test
    void wrongBasisLeavesNoOutputAndNoTempFile() throws IOException {
        Path basis = Files.write(dir.resolve("basis"), basisContent);
        Path delta = deltaFile(SignatureBuilder.build(basis), newContent);
        byte[] damaged = basisContent.clone();
        damaged[1234] ^= 1;
        Files.write(basis, damaged);
        Path output = dir.resolve("out");

        assertThatThrownBy(() -> PatchFile.apply(basis, delta, output)).isInstanceOf(WrongBasisException.class)
                .hasMessageContaining(basis.toString());

        assertThat(output).doesNotExist();
        assertThat(dir).isDirectoryNotContaining("glob:**.deltasync-tmp");
    }

    @Test
    void failureKeepsAnExistingOutputUntouched() throws IOException {
        Path basis = Files.write(dir.resolve("basis"), basisContent);
        Path delta = deltaFile(SignatureBuilder.build(basis), newContent);
        byte[] bytes = Files.readAllBytes(delta);
        Files.write(delta, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        Path output = Files.writeString(dir.resolve("out"), "previous version");

        assertThatThrownBy(() -> PatchFile.apply(basis, delta, output)).isInstanceOf(DeltaFormatException.class);

        assertThat(output).hasContent("previous version");
        assertThat(dir).isDirectoryNotContaining("glob:**.deltasync-tmp");
    }

    @Test
    void atomicFileRemovesTheTempFileWhenTheWriterFails() {
        Path target = dir.resolve("target");

        assertThatThrownBy(() -> AtomicFile.write(target, (OutputStream out) -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void signatureOfAFileThatChangesWhileReadIsRejected() throws IOException {
        Path file = Files.write(dir.resolve("basis"), basisContent);

        assertThatThrownBy(() -> SignatureBuilder.build(new java.io.ByteArrayInputStream(basisContent), basisContent.length + 1L))
                .isInstanceOf(BasisChangedException.class).hasMessageContaining("has 3000000 bytes, not the 3000001 announced");
        assertThatThrownBy(() -> SignatureBuilder.build(new java.io.ByteArrayInputStream(basisContent), basisContent.length - 1L))
                .isInstanceOf(BasisChangedException.class);
        assertThat(SignatureBuilder.build(file).basisSha256Hex()).isEqualTo(Sha256.hex(basisContent));
    }
}
