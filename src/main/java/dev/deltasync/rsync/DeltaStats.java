package dev.deltasync.rsync;

/**
 * What one delta encoding did.
 *
 * @param newLength    bytes in the new content
 * @param literalBytes bytes of new content sent as literals
 * @param matchedBytes bytes of new content found in the basis (sent as block copies)
 * @param newSha256Hex lowercase hex SHA-256 of the new content
 * @param deltaBytes   size of the delta stream written
 */
public record DeltaStats(long newLength, long literalBytes, long matchedBytes, String newSha256Hex, long deltaBytes) {
}
