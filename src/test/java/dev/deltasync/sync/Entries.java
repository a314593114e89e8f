package dev.deltasync.sync;

import java.util.Map;
import java.util.TreeMap;

/** Compact builders for reconciler tests: content is a short label standing in for the hash. */
final class Entries {

    private Entries() {
    }

    static FileEntry file(String path, String content) {
        return FileEntry.file(path, content.length(), 1_000, false, "h-" + content);
    }

    static FileEntry exec(String path, String content) {
        return FileEntry.file(path, content.length(), 1_000, true, "h-" + content);
    }

    static FileEntry dir(String path) {
        return FileEntry.dir(path, 1_000);
    }

    static Map<String, FileEntry> tree(FileEntry... entries) {
        Map<String, FileEntry> map = new TreeMap<>();
        for (FileEntry entry : entries) {
            map.put(entry.path(), entry);
        }
        return map;
    }

    /** Path to content label ("h-" stripped) for files, "/" for directories: readable assertions. */
    static Map<String, String> contents(Map<String, FileEntry> folder) {
        Map<String, String> view = new TreeMap<>();
        folder.forEach((path, entry) -> view.put(path, entry.isDir() ? "/"
                : entry.hash().substring(2) + (entry.executable() ? "*x" : "")));
        return view;
    }
}
