package dev.deltasync.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lowercase hex SHA-256, streamed, as carried in {@link FileEntry#hash()}. */
final class ContentHash {

    private static final int BUFFER = 64 * 1024;

    private ContentHash() {
    }

    static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in, Files.size(file));
        }
    }

    /** The hash of what {@code in} holds (about {@code size} bytes, which only sizes the buffer). */
    static String of(InputStream in, long size) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[(int) Math.max(1, Math.min(BUFFER, size))];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String of(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    /** Symlinks are identified by the hash of their target text. */
    static String ofLinkTarget(String target) {
        return HexFormat.of().formatHex(sha256().digest(target.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
