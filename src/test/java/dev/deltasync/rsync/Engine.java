package dev.deltasync.rsync;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: the engine's operations on byte arrays. */
final class Engine {

    private Engine() {
    }

    static Signature signature(byte[] basis) throws IOException {
        return SignatureBuilder.build(new ByteArrayInputStream(basis), basis.length);
    }

    static Signature signature(byte[] basis, int blockLength) throws IOException {
        return SignatureBuilder.build(new ByteArrayInputStream(basis), basis.length, blockLength);
    }

    record Delta(byte[] bytes, DeltaStats stats) {
    }

    static Delta delta(Signature signature, byte[] newContent) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeltaStats stats = DeltaEncoder.encode(signature, new ByteArrayInputStream(newContent), out);
        return new Delta(out.toByteArray(), stats);
    }

    static byte[] patch(byte[] basis, byte[] delta) throws IOException {
        Path file = Files.createTempFile("basis", ".bin");
        try {
            Files.write(file, basis);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Patcher.patch(file, new ByteArrayInputStream(delta), out);
            return out.toByteArray();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static byte[] signatureBytes(Signature signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SignatureFormat.write(signature, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] random(long seed, int length) {
        byte[] data = new byte[length];
        new java.util.Random(seed).nextBytes(data);
        return data;
    }
}
