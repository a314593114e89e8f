package dev.deltasync.rsync;

/**
 * A verified patch result.
 *
 * @param length       bytes written
 * @param sha256Hex    lowercase hex SHA-256 of the bytes written (equal to the one the delta carries)
 * @param literalBytes bytes that came from the delta's literals
 * @param matchedBytes bytes copied from the basis
 */
public record PatchResult(long length, String sha256Hex, long literalBytes, long matchedBytes) {
}
