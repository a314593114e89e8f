package dev.deltasync.wire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
     * The local path for a wire path under {@code root}. Also refuses paths whose existing parents lead
     * outside root through a symbolic link; the entry itself may be a link (links are synced as links).
     */
    public static Path resolve(Path root, String wirePath) {
        Path target = root;
        for (String segment : normalize(wirePath).split("/")) {
            target = target.resolve(segment);
        }
        Path ancestor = deepestExisting(target.getParent(), root);
        try {
            Path realRoot = root.toRealPath();
            if (!ancestor.toRealPath().startsWith(realRoot)) {
                throw new BadPathException(wirePath, "its parent " + ancestor + " leads outside " + root
                        + " through a symbolic link");
            }
        } catch (IOException e) {
            throw new BadPathException(wirePath, "cannot check its parent " + ancestor + ": " + e.getMessage());
        }
        return target;
    }

    private static Path deepestExisting(Path path, Path root) {
        Path p = path;
        while (p != null && !p.equals(root) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        return p == null ? root : p;
    }
}
