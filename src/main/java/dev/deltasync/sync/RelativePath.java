package dev.deltasync.sync;

import java.nio.file.Path;

/** The '/'-separated relative paths used in {@link FileEntry#path()}, checked before they touch a disk. */
final class RelativePath {

    private RelativePath() {
    }

    /** Rejects empty, absolute, backslashed, '.'/'..' or empty-segment paths, naming the path. */
    static String check(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")
                || path.indexOf('\0') >= 0 || (path.length() > 1 && path.charAt(1) == ':')) {
            throw new IllegalArgumentException("not a relative path inside the folder: '" + path + "'");
        }
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("path escapes or is not normalised: '" + path + "'");
            }
        }
        return path;
    }

    static String of(Path root, Path file) {
        StringBuilder path = new StringBuilder();
        for (Path name : root.relativize(file)) {
            path.append(path.length() == 0 ? "" : "/").append(name);
        }
        return path.toString();
    }
}
