package dev.deltasync.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rsync.Sha256;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SignatureBuilder;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.Trash;

/**
 * A big file read ahead of the cycle is handed to its upload once, only for the content read and the version it
 * was compared with; what is not used gives its signature tap back.
 */
class PreparedUploadsTest {

    private final TestThreads threads = new TestThreads();

    @TempDir
    Path root;

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    @Test
    void aPassReadAheadIsTakenOnceForTheContentItReadAgainstTheVersionItWasComparedWith() throws Exception {
        LocalFolder folder = folder();
        Signature agreed = agreedVersion(5);
        FileEntry now = write("big.bin", edited(5), 1);
        PreparedUploads prepared = folder.preparedUploads();
        prepared.offer(now, agreed);
        prepared.readOffered();

        assertThat(prepared.take(now, "00".repeat(32))).as("compared with another version").isNull();
        prepared.offer(now, agreed);
        prepared.readOffered();
        PreparedUploads.Prepared taken = prepared.take(now, agreed.basisSha256Hex());

        assertThat(taken).isNotNull();
        assertThat(taken.pass().sha256Hex()).isEqualTo(now.hash());
        assertThat(taken.tap()).as("the new version's signature was built in the same read").isNotNull();
        assertThat(prepared.take(now, agreed.basisSha256Hex())).as("taken once").isNull();
        folder.signatureCache().drop(taken.tap());
        assertThat(folder.signatureCache().tappedBytes()).isZero();
    }

    @Test
    void aFileWrittenAgainAfterItsScanIsLeftToItsUpload() throws Exception {
        LocalFolder folder = folder();
        Signature agreed = agreedVersion(6);
        FileEntry scanned = write("big.bin", edited(6), 1);
        write("big.bin", edited(7), 2);
        folder.preparedUploads().offer(scanned, agreed);
        folder.preparedUploads().readOffered();

        assertThat(folder.preparedUploads().take(scanned, agreed.basisSha256Hex())).isNull();
        assertThat(folder.signatureCache().tappedBytes()).isZero();
    }

    @Test
    void anUploadThatComesFirstReadsTheFileItselfAndWhatNobodyTookGivesItsTapBack() throws Exception {
        LocalFolder folder = folder();
        Signature agreed = agreedVersion(8);
        FileEntry first = write("first.bin", edited(8), 1);
        FileEntry second = write("second.bin", edited(9), 1);
        PreparedUploads prepared = folder.preparedUploads();
        prepared.offer(first, agreed);
        prepared.offer(second, agreed);

        assertThat(prepared.take(first, agreed.basisSha256Hex())).as("not read yet: the upload reads it").isNull();
        prepared.readOffered();
        assertThat(folder.signatureCache().tappedBytes()).as("only the second was read").isPositive();
        prepared.dropUnused();

        assertThat(folder.signatureCache().tappedBytes()).isZero();
        assertThat(prepared.take(second, agreed.basisSha256Hex())).isNull();
    }

    private LocalFolder folder() throws Exception {
        return new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root), threads);
    }

    private Signature agreedVersion(long seed) throws Exception {
        Path agreed = Files.write(Files.createTempFile("agreed", ".bin"), content(seed));
        try {
            return SignatureBuilder.build(agreed, 256);
        } finally {
            Files.delete(agreed);
        }
    }

    private static byte[] content(long seed) {
        byte[] bytes = new byte[2 << 20];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] edited(long seed) {
        byte[] bytes = content(seed);
        bytes[1_000_000] ^= 0x33;
        return bytes;
    }

    private FileEntry write(String name, byte[] bytes, long mtime) throws Exception {
        Files.write(root.resolve(name), bytes);
        return FileEntry.file(name, bytes.length, mtime, false, Sha256.hex(bytes));
    }
}
