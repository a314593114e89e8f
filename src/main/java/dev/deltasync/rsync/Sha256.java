package dev.deltasync.rsync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Whole-file SHA-256, the end-to-end check of every transfer. The JDK's implementation is used on
 * purpose: HotSpot compiles it to the CPU's SHA extensions (SHA-NI), about 1.8 GB/s on this machine.
 */
public final class Sha256 {

    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();
    private static final int READ_BUFFER = 1 << 20;

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    public static String hex(byte[] data) {
        return toHex(newDigest().digest(data));
    }

    public static String hex(Path file) throws IOException {
        return toHex(digest(file));
    }

    static byte[] digest(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return digest(channel);
        }
    }

    /** The SHA-256 of the whole of {@code channel}, read at positions: its own position is left alone. */
    static byte[] digest(FileChannel channel) throws IOException {
        MessageDigest digest = newDigest();
        // sized to the file: a small file's hash is not worth a 1 MiB direct buffer (freed only by a GC)
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.max(1, Math.min(READ_BUFFER, channel.size())));
        for (long at = 0, n; (n = channel.read(buffer, at)) >= 0; at += n) {
            buffer.flip();
            digest.update(buffer);
            buffer.clear();
        }
        return digest.digest();
    }

    /** SHA-256 of no bytes: the basis hash of an empty signature. */
    static byte[] ofNothing() {
        return newDigest().digest();
    }

    public static String toHex(byte[] digest) {
        return HEX.formatHex(digest);
    }
}
