package dev.deltasync.watch;

/** Looks at one path of the shared folder now; injected so tests can play the file system. */
@FunctionalInterface
public interface FileProbe {

    /** @param relPath '/'-separated path relative to the shared folder */
    FileSnapshot probe(String relPath);
}
