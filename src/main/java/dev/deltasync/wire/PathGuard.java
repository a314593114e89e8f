package dev.deltasync.wire;

import dev.deltasync.sync.FolderPaths;
import dev.deltasync.sync.UnsafePathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every path that arrives from the peer passes here before it touches the disk: only relative,
 * '/'-separated paths that stay inside the shared folder get through.
 */
public final class PathGuard {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");

    private PathGuard() {
    }

    /**
     * The canonical form of a wire path ("./a//b/" becomes "a/b").
     *
     * @throws BadPathException for empty or absolute paths, drive letters, ".." segments, backslashes,
     *                          NUL and other control characters
     */
    public static String normalize(String wirePath) {
        if (wirePath == null || wirePath.isEmpty()) {
            throw new BadPathException(wirePath, "empty path");
        }
        for (int i = 0; i < wirePath.length(); i++) {
            char c = wirePath.charAt(i);
            if (c == 0) {
                throw new BadPathException(wirePath, "contains a NUL byte");
            }
            if (Character.isISOControl(c)) {
                throw new BadPathException(wirePath, "contains a control character");
            }
            if (c == '\\') {
                throw new BadPathException(wirePath, "contains a backslash");
            }
        }
        if (wirePath.startsWith("/")) {
            throw new BadPathException(wirePath, "absolute path");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : wirePath.split("/")) {
            if (segment.equals("..")) {
                throw new BadPathException(wirePath, "contains a '..' segment");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new BadPathException(wirePath, "names the folder itself, not an entry in it");
        }
        if (DRIVE.matcher(segments.get(0)).find()) {
            throw new BadPathException(wirePath, "starts with a drive letter");
        }
        return String.join("/", segments);
    }

    /**
     * The local path for a wire path under the folder {@code paths} judges: refused (naming the path) when a name in
     * it is {@code .deltasync} at any depth or one of its parents is a symbolic link on the disk now (see
     * {@link FolderPaths#resolve}). The entry itself may be a link: it is not followed.
     */
    public static Path resolve(Path root, String wirePath) {
        return resolve(new FolderPaths(root), wirePath);
    }

    /** As {@link #resolve(Path, String)}, with the folder's own judge. */
    public static Path resolve(FolderPaths paths, String wirePath) {
        String normal = normalize(wirePath);
        try {
            return paths.resolve(normal);
        } catch (UnsafePathException e) {
            throw new BadPathException(wirePath, e.reason());
        }
    }
}
