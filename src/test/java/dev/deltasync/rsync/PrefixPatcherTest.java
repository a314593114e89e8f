package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefixPatcherTest {

    @TempDir
    Path tmp;

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] delta(Signature basis, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeltaEncoder.encode(basis, new ByteArrayInputStream(content), out);
        return out.toByteArray();
    }

    @Test
    void aWholeFileDeltaCutAt90PercentGivesNearly90PercentOfTheFile() throws IOException {
        byte[] content = random(1 << 20, 1);
        byte[] delta = delta(Signature.empty(), content);
        int cut = delta.length * 9 / 10;
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long held = PrefixPatcher.patchPrefix(null, new ByteArrayInputStream(delta, 0, cut), out, content.length);

        assertThat(held).isEqualTo(out.size()).isBetween((long) cut - 70_000, (long) cut);
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(content, out.size()));
    }

    @Test
    void aDeltaAgainstABasisCutBeforeItsLastCopyGivesTheEditAndWhatPrecedesIt() throws IOException {
        byte[] old = random(1 << 20, 2);
        byte[] content = old.clone();
        System.arraycopy(random(1000, 3), 0, content, 100_000, 1000); // an edit early in the file
        Path basis = Files.write(tmp.resolve("old"), old);
        byte[] delta = delta(SignatureBuilder.build(basis), content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long held = PrefixPatcher.patchPrefix(basis, new ByteArrayInputStream(delta, 0, delta.length - 50), out,
                content.length);

        assertThat(held).isGreaterThan(100_000 + 1000).isLessThan(content.length);
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(content, (int) held));
    }

    @Test
    void neverWritesMoreThanAllowedNorAnythingForAnotherBasisOrGarbage() throws IOException {
        byte[] content = random(300_000, 4);
        byte[] delta = delta(Signature.empty(), content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(PrefixPatcher.patchPrefix(null, new ByteArrayInputStream(delta), out, 1000)).isEqualTo(1000);
        assertThat(out.size()).isEqualTo(1000);

        Path other = Files.write(tmp.resolve("other"), random(5000, 5));
        assertThat(PrefixPatcher.patchPrefix(other, new ByteArrayInputStream(delta), new ByteArrayOutputStream(),
                content.length)).isZero();
        assertThat(PrefixPatcher.patchPrefix(null, new ByteArrayInputStream(random(10_000, 6)),
                new ByteArrayOutputStream(), content.length)).isZero();
        assertThat(PrefixPatcher.patchPrefix(null, new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), content.length)).isZero();
    }
}
