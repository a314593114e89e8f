package dev.deltasync.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Merging two trees path by path can leave a surviving entry under a directory that the other side deleted or
 * replaced by a file. The survivor wins: its ancestors become directories on both sides, and a file that stood
 * in the way is kept as a conflict copy. (Only union modes need this: a mirror copies one consistent tree.)
 */
final class TreeRepair {

    private TreeRepair() {
    }

    static void repair(Map<String, Resolution> resolutions, SyncViews views) {
        List<String> survivors = new ArrayList<>();
        resolutions.forEach((path, resolution) -> {
            if (resolution.result() != null) {
                survivors.add(path);
            }
        });
        for (String path : survivors) {
            for (String ancestor = parentOf(path); ancestor != null; ancestor = parentOf(ancestor)) {
                Resolution current = resolutions.get(ancestor);
                FileEntry result = current == null ? null : current.result();
                if (result == null) {
                    resolutions.put(ancestor, new Resolution.Final(anyDirectory(ancestor, views)));
                } else if (!result.isDir()) {
                    resolutions.put(ancestor, directoryWinsOver(result, ancestor, views));
                }
            }
        }
    }

    private static Resolution directoryWinsOver(FileEntry file, String path, SyncViews views) {
        for (Side side : Side.values()) {
            FileEntry entry = views.on(side, path);
            if (entry != null && entry.isDir()) {
                return new Resolution.Conflicting(side, entry, file);
            }
        }
        throw new IllegalStateException("no side holds a directory at " + path + " although entries exist under it");
    }

    private static FileEntry anyDirectory(String path, SyncViews views) {
        for (FileEntry candidate : new FileEntry[] {views.on(Side.SERVER, path), views.on(Side.CLIENT, path),
                views.base(path)}) {
            if (candidate != null && candidate.isDir()) {
                return candidate;
            }
        }
        return FileEntry.dir(path, 0);
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }
}
