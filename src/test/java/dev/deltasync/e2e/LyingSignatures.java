package dev.deltasync.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.zip.CRC32C;

import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SignatureFormat;

/** Cached signatures that lie: a real signature, stamped as the one of another version, with a valid checksum. */
final class LyingSignatures {

    private LyingSignatures() {
    }

    /** {@code signature} in the cache's format, stamped with the SHA-256 of {@code claimed}. */
    static byte[] stampedAs(Signature signature, byte[] claimed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SignatureFormat.write(signature, out);
        byte[] bytes = out.toByteArray();
        System.arraycopy(MessageDigest.getInstance("SHA-256").digest(claimed), 0, bytes, 20, 32);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes, bytes.length - 4, 4).putInt((int) crc.getValue());
        return bytes;
    }
}
