package dev.deltasync.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rsync.DeltaEncoder;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.rsync.SignatureBuilder;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.Trash;

/** The basis of an installed delta is read through the folder's confined, no-follow handles, as other reads are. */
class DeltaBasisTest {

    private final TestThreads threads = new TestThreads();

    @TempDir
    Path tmp;
    Path root;
    LocalFolder folder;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        folder = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root), threads);
    }

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    @Test
    void aSimilarFileSwappedForALinkAfterItWasCheckedIsNotUsedAsTheBasis() throws Exception {
        byte[] similar = content(1);
        byte[] arriving = similar.clone();
        arriving[100] ^= 1;
        Files.write(root.resolve("similar.bin"), similar);
        Path delta = delta(root.resolve("similar.bin"), arriving);
        Path basis = folder.resolve("similar.bin"); // checked here; swapped for a link to a file outside just after
        Path outside = Files.write(tmp.resolve("outside.bin"), similar);
        Files.delete(root.resolve("similar.bin"));
        Files.createSymbolicLink(root.resolve("similar.bin"), outside);
        FileEntry target = FileEntry.file("arriving.bin", arriving.length, 1_600_000_000_000L, false,
                Sha256.hex(arriving));

        assertThatThrownBy(() -> folder.installDelta(target, null, basis, delta, false))
                .isInstanceOf(IOException.class).hasMessageContaining("similar.bin");
        assertThat(Files.exists(root.resolve("arriving.bin"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aSimilarFileThatStaysAFileIsTheBasis() throws Exception {
        byte[] similar = content(2);
        byte[] arriving = similar.clone();
        arriving[7] ^= 1;
        Files.write(root.resolve("similar.bin"), similar);
        Path delta = delta(root.resolve("similar.bin"), arriving);
        FileEntry target = FileEntry.file("arriving.bin", arriving.length, 1_600_000_000_000L, false,
                Sha256.hex(arriving));

        folder.installDelta(target, null, folder.resolve("similar.bin"), delta, false);

        assertThat(root.resolve("arriving.bin")).hasBinaryContent(arriving);
    }

    private Path delta(Path basis, byte[] content) throws IOException {
        Path delta = Files.createTempFile(tmp, "delta", ".bin");
        try (OutputStream out = Files.newOutputStream(delta)) {
            DeltaEncoder.encode(SignatureBuilder.build(basis), new ByteArrayInputStream(content), out);
        }
        return delta;
    }

    private static byte[] content(int seed) {
        byte[] content = new byte[50_000];
        new Random(seed).nextBytes(content);
        return content;
    }
}
