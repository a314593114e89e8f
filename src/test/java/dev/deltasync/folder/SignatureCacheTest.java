package dev.deltasync.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rsync.RefinePolicy;
import dev.deltasync.rsync.RefiningEncoder;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SignatureBuilder;
import dev.deltasync.rsync.SignatureTap;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.MetadataDir;

class SignatureCacheTest {

    private final TestThreads threads = new TestThreads();

    @TempDir
    Path root;

    private FileEntry write(String name, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.write(root.resolve(name), bytes);
        return FileEntry.file(name, size, 1L, false, Sha256.hex(bytes));
    }

    @org.junit.jupiter.api.AfterEach
    void stopThreads() {
        threads.close();
    }

    @Test
    void aRememberedVersionIsFoundByItsHashAndCostsUnderFivePercent() throws Exception {
        SignatureCache cache = new SignatureCache(root, threads);
        FileEntry big = write("big.bin", 3 << 20, 1);
        cache.remember(root.resolve("big.bin"), big);

        assertThat(cache.find(big.hash(), big.size())).hasValueSatisfying(signature -> {
            assertThat(signature.basisSha256Hex()).isEqualTo(big.hash());
            assertThat(signature.blockLength()).isEqualTo(SignatureCache.BLOCK);
        });
        assertThat(Files.size(MetadataDir.signatureDir(root).resolve(big.hash()))).isLessThan(big.size() / 20);
        assertThat(cache.find(big.hash(), big.size() + 1)).isEmpty();
    }

    @Test
    void aFileThatChangedSinceItWasSyncedOrIsSmallIsNotRemembered() throws Exception {
        SignatureCache cache = new SignatureCache(root, threads);
        FileEntry synced = write("doc.bin", 2 << 20, 2);
        write("doc.bin", 2 << 20, 3); // edited after the sync
        cache.remember(root.resolve("doc.bin"), synced);
        FileEntry small = write("small.bin", 1000, 4);
        cache.remember(root.resolve("small.bin"), small);

        assertThat(cache.find(synced.hash(), synced.size())).isEmpty();
        assertThat(cache.holdsAny()).as("nothing was written").isFalse();
    }

    @Test
    void aDamagedOrMisnamedEntryIsIgnoredAndPruningKeepsOnlyTheGivenVersions() throws Exception {
        SignatureCache cache = new SignatureCache(root, threads);
        FileEntry a = write("a.bin", 1 << 20, 5);
        FileEntry b = write("b.bin", 1 << 20, 6);
        cache.remember(root.resolve("a.bin"), a);
        cache.remember(root.resolve("b.bin"), b);
        Path dir = MetadataDir.signatureDir(root);
        // b's entry overwritten with a's signature: it describes another version
        Files.copy(dir.resolve(a.hash()), dir.resolve(b.hash()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(cache.find(b.hash(), b.size())).isEmpty();
        byte[] damaged = Files.readAllBytes(dir.resolve(a.hash()));
        damaged[100] ^= 1;
        Files.write(dir.resolve(a.hash()), damaged);
        assertThat(cache.find(a.hash(), a.size())).isEmpty();

        Files.writeString(dir.resolve(a.hash() + ".part"), "interrupted");
        cache.keepOnly(Set.of(b.hash()));
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(b.hash());
        }
    }

    /**
     * At 20 Mbit/s and 40 ms a round trip is worth ~75 KB, so after the cached signature no round is asked for: the
     * first delta must already be fine. With 2 KiB blocks this edit cost ~21 KB of literal bytes, not ~3.6 KB.
     */
    @Test
    void aWarmUploadFromTheCachedSignatureIsFineWithoutAnyRound() throws Exception {
        SignatureCache cache = new SignatureCache(root, threads);
        FileEntry old = write("big.bin", 8 << 20, 5);
        cache.remember(root.resolve("big.bin"), old);
        byte[] before = Files.readAllBytes(root.resolve("big.bin"));
        java.io.ByteArrayOutputStream edited = new java.io.ByteArrayOutputStream();
        Random random = new Random(6);
        int from = 0;
        for (int i = 1; i <= 10; i++) {
            int at = i * (before.length / 11) + random.nextInt(1000);
            edited.write(before, from, at - from);
            byte[] inserted = new byte[100];
            random.nextBytes(inserted);
            edited.write(inserted, 0, inserted.length);
            from = at;
        }
        edited.write(before, from, before.length - from);
        Path now = root.resolve("big.bin.new");
        Files.write(now, edited.toByteArray());

        RefiningEncoder.Result result;
        try (var in = Files.newInputStream(now)) {
            result = RefiningEncoder.encode(now, in, old.size(), old.hash(),
                    cache.find(old.hash(), old.size()).orElseThrow(),
                    (block, seed, ranges, wanted) -> {
                        throw new AssertionError("a round was asked for at 40 ms");
                    },
                    RefinePolicy.DEFAULT.onLink(40_000_000L), true, java.io.ByteArrayOutputStream::new);
        }

        assertThat(result.rounds()).isZero();
        assertThat(result.stats().literalBytes()).isEqualTo(1000 + 10L * SignatureCache.BLOCK)
                .isLessThan(4_000);
    }

    @Test
    void bigFilesGetBiggerBlocksSoASignatureStaysSmallInMemory() {
        assertThat(SignatureCache.blockFor(64L << 20)).isEqualTo(256);
        assertThat(SignatureCache.blockFor(256L << 20)).isEqualTo(256);
        assertThat(SignatureCache.blockFor(512L << 20)).isEqualTo(512);
        assertThat(SignatureCache.blockFor(4L << 30)).isEqualTo(4096);
        assertThat((100L << 30) / SignatureCache.blockFor(100L << 30)).isLessThanOrEqualTo(SignatureCache.MAX_BLOCKS);
    }

    /** On the code before, an upload's signature came from reading the file again, and the edited file gave none. */
    @Test
    void aSentVersionIsSignedFromTheReadThatSentItNotFromTheFileAfterwards() throws Exception {
        SignatureCache cache = new SignatureCache(root, threads);
        FileEntry sent = write("doc.bin", 2 << 20, 2);
        SignatureTap tap = cache.tap(sent);
        try (InputStream in = tap.through(Files.newInputStream(root.resolve("doc.bin")))) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        Signature ownPass = SignatureBuilder.build(root.resolve("doc.bin"), SignatureCache.blockFor(sent.size()));
        write("doc.bin", 2 << 20, 3); // edited again as soon as it was sent

        cache.rememberSent(root.resolve("doc.bin"), sent, tap, sent.hash());
        cache.finishPendingWrites(Duration.ofSeconds(10));

        assertThat(cache.find(sent.hash(), sent.size())).hasValue(ownPass);
    }

    @Test
    void tapsUnderWayHoldABoundedShareOfMemoryAndGiveItBack() throws Exception {
        SignatureCache cache = new SignatureCache(root, threads);
        FileEntry big = FileEntry.file("big.bin", 256L << 20, 1L, false, "ab".repeat(32));
        long each = SignatureTap.sumBytes(big.size(), SignatureCache.blockFor(big.size()));
        List<SignatureTap> taps = new ArrayList<>();
        for (SignatureTap tap = cache.tap(big); tap != null; tap = cache.tap(big)) {
            taps.add(tap);
        }

        assertThat(taps).hasSize((int) (SignatureCache.TAPS_MAX_BYTES / each));
        cache.drop(taps.remove(0));
        assertThat(cache.tap(big)).isNotNull();
    }

    /**
     * An upload's tap is given back by whichever path ends it (its finisher, its failure, the cycle abandoning it),
     * so two of them may drop it: on the code before, the second drop gave its share back again and the budget then
     * let more than 32 MiB of taps be built at once.
     */
    @Test
    void aTapDroppedByTwoPathsGivesItsShareBackOnce() throws Exception {
        SignatureCache cache = new SignatureCache(root, threads);
        FileEntry big = FileEntry.file("big.bin", 256L << 20, 1L, false, "ab".repeat(32));
        SignatureTap abandoned = cache.tap(big);

        cache.drop(abandoned);
        cache.drop(abandoned);

        assertThat(cache.tappedBytes()).isZero();
        List<SignatureTap> taps = new ArrayList<>();
        for (SignatureTap tap = cache.tap(big); tap != null; tap = cache.tap(big)) {
            taps.add(tap);
        }
        assertThat(cache.tappedBytes()).isLessThanOrEqualTo(SignatureCache.TAPS_MAX_BYTES);
        taps.forEach(cache::drop);
        assertThat(cache.tappedBytes()).isZero();
    }

    /** On the code before, a cache had no bound but the sync state and no tap for content whose hash is not known yet. */
    @Test
    void aServerKeepsTheVersionsItReadOrWroteWithinItsBoundTheLeastRecentlyUsedGoingFirst() throws Exception {
        SignatureCache cache = new SignatureCache(root, threads);
        assertThat(cache.tapFor(2 << 20)).as("a client's cache taps only what it sends").isNull();
        long each = SignatureTap.sumBytes(1 << 20, SignatureCache.BLOCK) + 60;
        cache.boundTo(each * 5 / 2);
        assertThat(cache.tapFor((1 << 20) - 1)).as("below the threshold").isNull();
        Path dir = MetadataDir.signatureDir(root);

        String a = keepThroughOutput(cache, 11);
        String b = keepThroughOutput(cache, 12);
        Files.setLastModifiedTime(dir.resolve(a), java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(dir.resolve(b), java.nio.file.attribute.FileTime.fromMillis(2_000_000));
        assertThat(cache.find(a)).isPresent(); // used now: b is the least recently used
        String c = keepThroughOutput(cache, 13);

        assertThat(dir.resolve(a)).exists();
        assertThat(dir.resolve(b)).doesNotExist();
        assertThat(cache.find(c)).hasValueSatisfying(signature -> assertThat(signature.basisLength()).isEqualTo(1 << 20));
        long total;
        try (var files = Files.list(dir)) {
            total = files.mapToLong(f -> f.toFile().length()).sum();
        }
        assertThat(total).isLessThanOrEqualTo(each * 5 / 2);
    }

    /** Writes 1 MiB of content through a tap, as an install does, and waits until its signature is kept. */
    private String keepThroughOutput(SignatureCache cache, long seed) throws Exception {
        byte[] bytes = new byte[1 << 20];
        new Random(seed).nextBytes(bytes);
        SignatureTap tap = cache.tapFor(bytes.length);
        try (OutputStream out = tap.into(OutputStream.nullOutputStream())) {
            out.write(bytes, 0, 1000);
            out.write(bytes, 1000, bytes.length - 1000);
        }
        String hash = Sha256.hex(bytes);
        cache.rememberTapped("v" + seed, hash, tap);
        cache.finishPendingWrites(Duration.ofSeconds(10));
        assertThat(cache.find(hash)).hasValue(SignatureBuilder.build(new java.io.ByteArrayInputStream(bytes),
                bytes.length, SignatureCache.BLOCK));
        return hash;
    }
}
