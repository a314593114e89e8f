package dev.deltasync.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A live client patches one small file per pushed edit: that patch must cost about the file's size, not megabytes of
 * buffers and a thread of its own, while big results still stream through bounded buffers.
 */
class SmallPatchCostTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    @Test
    void aSmallFilesPatchAllocatesAboutItsSizeAndStartsNoThread() throws IOException {
        byte[] basis = "fanout.txt round 1 by 0\n".getBytes(StandardCharsets.UTF_8);
        byte[] next = "fanout.txt round 2 by 0\n".getBytes(StandardCharsets.UTF_8);
        Path basisFile = dir.resolve("basis");
        Files.write(basisFile, basis);
        byte[] delta = Engine.delta(Engine.signature(basis), next).bytes();
        for (int i = 0; i < 200; i++) { // warmed up, so that class loading and compilation are not counted
            patch(basisFile, delta);
        }

        long threadsBefore = THREADS.getTotalStartedThreadCount();
        long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        int patches = 20;
        for (int i = 0; i < patches; i++) {
            assertThat(patch(basisFile, delta)).isEqualTo(next);
        }
        long perPatch = (THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / patches;

        // before: two 1 MiB output buffers per patch and a thread hashing the 24-byte basis
        assertThat(perPatch).isLessThan(256 << 10);
        assertThat(THREADS.getTotalStartedThreadCount() - threadsBefore).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8191, 8192, 8193, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, (3 << 20) + 5})
    void resultsOfEverySizeAroundTheBuffersComeOutWhole(int size) throws IOException {
        byte[] basis = Engine.random(size, size + 4096);
        byte[] next = new byte[size];
        System.arraycopy(basis, 4096, next, 0, size); // copies from the basis...
        for (int at = 0; at < size; at += 100_003) {
            next[at] ^= 0x5a; // ...and literals between them
        }
        byte[] delta = Engine.delta(Engine.signature(basis), next).bytes();

        assertThat(Engine.patch(basis, delta)).isEqualTo(next);
    }

    @Test
    void anOutputLongerThanExpectedGrowsItsBufferThenStreamsWithTheHashIntact() throws IOException {
        byte[] content = Engine.random(7, (5 << 20) + 17);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] sha;
        try (HashingOutput output = new HashingOutput(out, 10)) {
            int done = 0;
            while (done < content.length) {
                int room = output.reserve(Math.min(70_000, content.length - done));
                System.arraycopy(content, done, output.buffer(), output.used(), room);
                output.commit(room);
                done += room;
            }
            sha = output.finish();
            assertThat(output.buffer().length).isLessThanOrEqualTo(HashingOutput.BUFFER);
        }

        assertThat(out.toByteArray()).isEqualTo(content);
        assertThat(Sha256.toHex(sha)).isEqualTo(Sha256.hex(content));
    }

    private static byte[] patch(Path basis, byte[] delta) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        Patcher.patch(basis, new ByteArrayInputStream(delta), out);
        return out.toByteArray();
    }
}
