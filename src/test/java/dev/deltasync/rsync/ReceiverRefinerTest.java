package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deltasync.rsync.RoundTripProperties.Edit;
import dev.deltasync.rsync.RoundTripProperties.Texture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The receiver-driven direction: the sender only signs and serves ranges of the new file. */
class ReceiverRefinerTest {

    record Fetched(byte[] result, ReceiverRefiner.Plan plan, long signatureBytes, long literalBytes) {
        long wireBytes() {
            return signatureBytes + literalBytes;
        }
    }

    /** As the receiver does: a result that does not verify (a false match of cut sums) is fetched again once. */
    static Fetched fetch(byte[] basis, byte[] changed) throws IOException {
        try {
            return fetchOnce(basis, changed);
        } catch (VerificationException falseMatch) {
            RefiningEncoderTest.RETRIED.incrementAndGet();
            return fetchOnce(basis, changed);
        }
    }

    private static Fetched fetchOnce(byte[] basis, byte[] changed) throws IOException {
        Path basisFile = Files.createTempFile("basis", "");
        Path newFile = Files.createTempFile("new", "");
        try {
            Files.write(basisFile, basis);
            Files.write(newFile, changed);
            RefiningEncoderTest.Receiver sender = new RefiningEncoderTest.Receiver(newFile);
            ReceiverRefiner.Plan plan = ReceiverRefiner.plan(basisFile, changed.length, sender, RefinePolicy.DEFAULT);
            ByteArrayOutputStream literals = new ByteArrayOutputStream();
            for (BasisRange range : plan.literalRanges()) {
                literals.write(changed, (int) range.offset(), (int) range.length());
            }
            ByteArrayOutputStream delta = new ByteArrayOutputStream();
            DeltaStats stats = ReceiverRefiner.writeDelta(plan, new ByteArrayInputStream(literals.toByteArray()),
                    basis.length, Sha256.hex(basis), changed.length, Sha256.hex(changed), 1024, delta);
            assertThat(stats.literalBytes()).isEqualTo(plan.literalBytes());
            return new Fetched(Engine.patch(basis, delta.toByteArray()), plan, sender.wireBytes, literals.size());
        } finally {
            Files.delete(basisFile);
            Files.delete(newFile);
        }
    }

    @Property(tries = 100)
    void theFetchedFileIsTheSendersFile(@ForAll("sizes") int size, @ForAll Texture texture, @ForAll long seed,
                                        @ForAll @Size(max = 6) List<@From("edits") Edit> edits) throws IOException {
        byte[] basis = RoundTripProperties.content(texture, seed, size);
        byte[] changed = RoundTripProperties.applyEdits(basis, edits, new Random(seed + 1));

        assertThat(fetch(basis, changed).result()).isEqualTo(changed);
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return new RoundTripProperties().sizes();
    }

    @Provide
    Arbitrary<Edit> edits() {
        return new RoundTripProperties().edits();
    }

    @Test
    void oneChangedByteInFourMegabytesCostsAboutAKilobyte() throws IOException {
        byte[] basis = Engine.random(7, 4 << 20);
        byte[] changed = basis.clone();
        changed[1_234_567] ^= 0x55;

        Fetched fetched = fetch(basis, changed);

        assertThat(fetched.result()).isEqualTo(changed);
        assertThat(fetched.literalBytes()).isBetween(1L, 64L);
        long rsyncSignature = Engine.signatureBytes(Engine.signature(basis)).length;
        assertThat(fetched.wireBytes()).isLessThan(rsyncSignature / 10);
    }

    /**
     * A download of big-insert's edit at 20 Mbit/s and 40 ms, where a round trip is worth ~75 KB: the rounds shrink
     * by expected time (185 KB blocks to 724 B at once), so the client waits on two rounds, not the four of a
     * quarter per round, and moves fewer bytes in all (more signature, less literal).
     */
    @Test
    void tenInsertsInEightMegabytesOverA40MsLinkTakeTwoRounds() throws IOException {
        byte[] basis = Engine.random(19, 8 << 20);
        ByteArrayOutputStream edited = new ByteArrayOutputStream();
        Random random = new Random(20);
        int from = 0;
        for (int i = 1; i <= 10; i++) {
            int at = i * (basis.length / 11) + random.nextInt(1000);
            edited.write(basis, from, at - from);
            edited.write(Engine.random(i, 100));
            from = at;
        }
        edited.write(basis, from, basis.length - from);
        byte[] changed = edited.toByteArray();
        Path basisFile = Files.createTempFile("basis", "");
        Path newFile = Files.createTempFile("new", "");
        try {
            Files.write(basisFile, basis);
            Files.write(newFile, changed);
            RefiningEncoderTest.Receiver sender = new RefiningEncoderTest.Receiver(newFile);

            ReceiverRefiner.Plan plan = ReceiverRefiner.plan(basisFile, changed.length, sender,
                    RefinePolicy.DEFAULT.onLink(40_000_000L));

            assertThat(sender.requests).isEqualTo(plan.rounds()).isEqualTo(2);
            // a quarter per round: 4 rounds, 28,960 literal + 1,360 signature bytes; now 7,240 + 14,892
            assertThat(plan.literalBytes() + sender.wireBytes).isLessThan(24 * 1024);
        } finally {
            Files.delete(basisFile);
            Files.delete(newFile);
        }
    }

    @Test
    void repeatedBlocksOfTheNewFileAreAllFoundInTheBasis() throws IOException {
        byte[] basis = new byte[2 << 20];
        byte[] changed = basis.clone();
        changed[1 << 20] = 1;

        Fetched fetched = fetch(basis, changed);

        assertThat(fetched.result()).isEqualTo(changed);
        assertThat(fetched.literalBytes()).isLessThanOrEqualTo(64);
    }

    @Test
    void anEmptyNewFileNeedsNothing() throws IOException {
        Fetched fetched = fetch(Engine.random(1, 5000), new byte[0]);

        assertThat(fetched.result()).isEmpty();
        assertThat(fetched.signatureBytes()).isZero();
    }
}
