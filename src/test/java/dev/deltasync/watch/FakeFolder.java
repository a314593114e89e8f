package dev.deltasync.watch;

import java.util.HashMap;
import java.util.Map;

/** A {@link FileProbe} over an in-memory folder the test edits. */
final class FakeFolder implements FileProbe {

    private final Map<String, FileSnapshot> entries = new HashMap<>();

    FakeFolder file(String path, long size, long mtimeNanos) {
        entries.put(path, FileSnapshot.file(size, mtimeNanos));
        return this;
    }

    FakeFolder dir(String path, long mtimeNanos) {
        entries.put(path, FileSnapshot.directory(mtimeNanos));
        return this;
    }

    FakeFolder remove(String path) {
        entries.remove(path);
        return this;
    }

    @Override
    public FileSnapshot probe(String relPath) {
        return entries.getOrDefault(relPath, FileSnapshot.ABSENT);
    }
}
