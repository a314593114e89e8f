package dev.deltasync.sync;

/**
 * Both sides changed {@code path} differently: {@code winnerSide}'s version keeps the name and
 * {@code loserSide}'s version lives on, on both sides, as {@code conflictPath}.
 */
public record Conflict(String path, String conflictPath, Side winnerSide, Side loserSide) {
}
