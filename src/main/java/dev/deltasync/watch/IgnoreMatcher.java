package dev.deltasync.watch;

/** Decides which paths of the shared folder are never reported. */
@FunctionalInterface
public interface IgnoreMatcher {

    /** @param relPath '/'-separated path relative to the shared folder */
    boolean ignores(String relPath);
}
