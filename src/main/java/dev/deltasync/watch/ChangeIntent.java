package dev.deltasync.watch;

/** What one path's settled burst of events means for synchronisation. */
public sealed interface ChangeIntent {

    /** '/'-separated path relative to the shared folder. */
    String path();

    /** A file (or link) that did not exist before the burst exists now. */
    record Created(String path) implements ChangeIntent { }

    /** A file (or link) that existed before the burst has new content or metadata. */
    record Modified(String path) implements ChangeIntent { }

    /** The path existed before the burst and is gone now (deleted or moved out of the folder). */
    record Deleted(String path) implements ChangeIntent { }

    /** A directory appeared (created or moved in): its whole subtree must be rescanned. */
    record DirCreated(String path) implements ChangeIntent { }
}
