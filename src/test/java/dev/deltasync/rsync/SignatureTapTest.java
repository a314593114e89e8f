package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** A signature built while the content is read for something else is the one a pass of its own would build. */
class SignatureTapTest {

    private static final int BLOCK = 256;

    @Test
    void readingThroughTheTapInAnyPiecesGivesTheSignatureOfTheWholeContent() throws IOException {
        byte[] content = new byte[300_000 + 77]; // a last block shorter than the others
        new Random(7).nextBytes(content);
        Signature whole = SignatureBuilder.build(new ByteArrayInputStream(content), content.length, BLOCK);
        Random sizes = new Random(8);
        SignatureTap tap = new SignatureTap(content.length, BLOCK);
        try (InputStream in = tap.through(new ByteArrayInputStream(content))) {
            byte[] buffer = new byte[5000];
            for (int n = 0; n >= 0; n = in.read(buffer, 0, 1 + sizes.nextInt(buffer.length))) {
                if (sizes.nextInt(50) == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                }
            }
        }

        assertThat(tap.signature(whole.basisSha256Hex())).hasValue(whole);
        assertThat(tap.sumBytes()).isEqualTo(SignatureTap.sumBytes(content.length, BLOCK));
    }

    @Test
    void contentOfAnotherLengthOrPartlySkippedGivesNoSignature() throws IOException {
        byte[] content = new byte[10_000];
        new Random(9).nextBytes(content);
        String sha = Sha256.hex(content);

        SignatureTap shorter = new SignatureTap(content.length + 1, BLOCK);
        shorter.through(new ByteArrayInputStream(content)).readAllBytes();
        SignatureTap longer = new SignatureTap(content.length - 1, BLOCK);
        longer.through(new ByteArrayInputStream(content)).readAllBytes();
        SignatureTap skipping = new SignatureTap(content.length, BLOCK);
        InputStream in = skipping.through(new ByteArrayInputStream(content));
        in.skip(100);
        in.readAllBytes();

        assertThat(shorter.signature(sha)).isEmpty();
        assertThat(longer.signature(sha)).isEmpty();
        assertThat(skipping.signature(sha)).isEmpty();
    }
}
