package dev.deltasync.sync;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a peer-supplied relative path under the folder's root, refusing anything that could write elsewhere:
 * absolute or '..' paths, the metadata directory, and paths that go through a symlink.
 */
final class FolderPaths {

    private final Path root;

    FolderPaths(Path root) {
        this.root = root;
    }

    Path resolve(String path) throws ApplyException {
        try {
            RelativePath.check(path);
        } catch (IllegalArgumentException e) {
            throw new ApplyException("refusing " + e.getMessage());
        }
        if (path.equals(MetadataDir.NAME) || path.startsWith(MetadataDir.NAME + "/")) {
            throw new ApplyException("refusing to write deltasync's own metadata: " + path);
        }
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new ApplyException("refusing path outside the folder: " + path);
        }
        for (Path p = resolved.getParent(); !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new ApplyException("refusing " + path + ": it goes through the symlink "
                        + RelativePath.of(root, p));
            }
        }
        return resolved;
    }

    /** Whether a symlink at {@code link} pointing to {@code target} stays inside the folder. */
    boolean linkStaysInside(Path link, String target) {
        Path targetPath = link.getFileSystem().getPath(target);
        return !targetPath.isAbsolute() && link.getParent().resolve(targetPath).normalize().startsWith(root);
    }
}
