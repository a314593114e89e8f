package dev.deltasync.sync;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small trees over a fixed list of paths, one choice a path, for the reconciler's properties. */
final class RandomTrees {

    /** The choice that keeps a path's entry as it is in the tree built upon. */
    static final int AS_BEFORE = 6;

    private RandomTrees() {
    }

    /**
     * The tree {@code choices} make of {@code universe} (parents listed before their children): 0 absent, 1..4 files
     * of different content or exec bit, 5 directory, {@link #AS_BEFORE} as in {@code before}; an entry whose parent
     * is not a directory is left out.
     */
    static Map<String, FileEntry> build(List<String> universe, List<Integer> choices, Map<String, FileEntry> before) {
        Map<String, FileEntry> tree = new TreeMap<>();
        for (int i = 0; i < universe.size(); i++) {
            String path = universe.get(i);
            String parent = TreeRepair.parentOf(path);
            if (parent != null && (tree.get(parent) == null || !tree.get(parent).isDir())) {
                continue;
            }
            FileEntry entry = switch (choices.get(i)) {
                case 1 -> Entries.file(path, "v1");
                case 2 -> Entries.file(path, "v2");
                case 3 -> Entries.exec(path, "v1");
                case 4 -> Entries.file(path, "v3");
                case 5 -> Entries.dir(path);
                case AS_BEFORE -> before.get(path);
                default -> null;
            };
            if (entry != null) {
                tree.put(path, entry);
            }
        }
        return tree;
    }
}
