package dev.deltasync.rsync;

/**
 * A verified patch result.
 *
 * @param length    bytes written
 * @param sha256Hex lowercase hex SHA-256 of the bytes written (equal to the one the delta carries)
 */
public record PatchResult(long length, String sha256Hex) {
}
