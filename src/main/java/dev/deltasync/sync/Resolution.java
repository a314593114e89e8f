package dev.deltasync.sync;

/** What one path must become on both sides once the plan has run. */
sealed interface Resolution {

    /** What ends up under the path itself; null when nothing. */
    FileEntry result();

    /** Both sides end holding {@code entry}; null means both end without the path. */
    record Final(FileEntry entry) implements Resolution {
        public FileEntry result() { return entry; }
    }

    /**
     * Both sides end holding {@code winner} (currently on {@code winnerSide}) under the path, and {@code loser}
     * (currently on the other side) under a conflict name.
     */
    record Conflicting(Side winnerSide, FileEntry winner, FileEntry loser) implements Resolution {
        public FileEntry result() { return winner; }
    }
}
