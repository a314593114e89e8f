package dev.deltasync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges the relative paths a peer names, and the targets of symlinks, by where they lead on the real file system,
 * not by their text. A path is accepted when no name in it is {@code .deltasync} (at any depth) and every one of
 * its parents that exists is a real directory: a symlink is never followed on the way to an entry, whether it
 * points inside the folder or not (the scanner never lists a path through a link, so a peer has no reason to name
 * one). The last name is not followed either: callers act on a link itself (delete, rename, replace) and read
 * files with {@link ConfinedFiles}, which refuses a link where it expects a file.
 */
public final class FolderPaths {

    /** Links followed while judging one target before it counts as a loop (Linux's own limit is 40). */
    static final int MAX_LINK_HOPS = 40;

    private final Path root;

    /** @param root the folder's real path ({@link Path#toRealPath}) */
    public FolderPaths(Path root) {
        this.root = root;
    }

    /**
     * The local path for {@code path}, once checked on the disk as it is now.
     *
     * @throws UnsafePathException naming the path and why: not a normalised relative path, a {@code .deltasync}
     *                             name, or a parent that is a symbolic link
     */
    public Path resolve(String path) throws UnsafePathException {
        try {
            RelativePath.check(path);
        } catch (IllegalArgumentException e) {
            throw new UnsafePathException(path, e.getMessage());
        }
        String[] names = path.split("/");
        for (String name : names) {
            if (MetadataDir.isName(name)) {
                throw new UnsafePathException(path, "deltasync's metadata (" + MetadataDir.NAME
                        + "/) is never synced, at any depth");
            }
        }
        Path at = root;
        for (int i = 0; i < names.length - 1; i++) {
            at = at.resolve(names[i]);
            BasicFileAttributes attrs = attributesOrNull(path, at);
            if (attrs == null || !attrs.isDirectory() && !attrs.isSymbolicLink()) {
                break; // missing parents are created by the change itself; a file as parent fails it
            }
            if (attrs.isSymbolicLink()) {
                throw new UnsafePathException(path, "it goes through the symbolic link "
                        + RelativePath.of(root, at) + ", and links are never followed (a path through one could lead"
                        + " outside the folder or into " + MetadataDir.NAME + "/)");
            }
        }
        Path local = root;
        for (String name : names) {
            local = local.resolve(name);
        }
        return local;
    }

    /**
     * Why a symlink at {@code linkPath} pointing to {@code target} would lead outside the folder or into
     * {@code .deltasync/}, or null when it stays inside. The target is resolved from the link's directory as the
     * operating system would, on the disk as it is now: each name that is itself a link is followed (so
     * {@code t -> s/..} with {@code s -> .} is the folder's parent), {@code ..} goes to the real parent, and a
     * {@code ..} after a name that does not exist (yet) is refused, since what it climbs out of cannot be judged.
     */
    public String whyLinkEscapes(String linkPath, String target) {
        if (target.isEmpty()) {
            return "its target is empty";
        }
        if (target.startsWith("/") || target.indexOf('\0') >= 0 || root.getFileSystem().getPath(target).isAbsolute()) {
            return "its target " + target + " is an absolute path";
        }
        List<String> at = new ArrayList<>(List.of(linkPath.split("/")));
        at.remove(at.size() - 1);
        List<String> followed = new ArrayList<>();
        String why = follow(at, target, new int[1], followed);
        if (why == null) {
            return null;
        }
        return "its target " + target + " " + why
                + (followed.isEmpty() ? "" : " (once the link " + String.join(", ", followed) + " is followed)");
    }

    /** Walks {@code target} from {@code at} (names under the root), updating {@code at}; null when it stays inside. */
    private String follow(List<String> at, String target, int[] hops, List<String> followed) {
        boolean missing = false;
        for (String name : target.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (missing) {
                    return "climbs ('..') out of " + String.join("/", at) + ", which does not exist here";
                }
                if (at.isEmpty()) {
                    return "leads out of the folder";
                }
                at.remove(at.size() - 1);
                continue;
            }
            if (MetadataDir.isName(name)) {
                return "leads into deltasync's metadata (" + MetadataDir.NAME + "/)";
            }
            at.add(name);
            if (missing) {
                continue;
            }
            Path here = root.resolve(String.join("/", at));
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(here, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                missing = true;
                continue;
            }
            if (attrs.isSymbolicLink()) {
                if (++hops[0] > MAX_LINK_HOPS) {
                    return "goes through more than " + MAX_LINK_HOPS + " links (a loop?)";
                }
                String next;
                try {
                    next = Files.readSymbolicLink(here).toString();
                } catch (IOException e) {
                    return "goes through the link " + String.join("/", at) + ", which cannot be read";
                }
                String via = String.join("/", at);
                if (next.isEmpty() || next.startsWith("/") || root.getFileSystem().getPath(next).isAbsolute()) {
                    return "goes through the link " + via + ", which points outside the folder (" + next + ")";
                }
                at.remove(at.size() - 1);
                String why = follow(at, next, hops, new ArrayList<>());
                if (why != null) {
                    return "goes through the link " + via + ", which " + why;
                }
                followed.add(via);
                missing = !Files.exists(root.resolve(String.join("/", at)), LinkOption.NOFOLLOW_LINKS);
            }
        }
        return null;
    }

    private BasicFileAttributes attributesOrNull(String path, Path at) throws UnsafePathException {
        try {
            return Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UnsafePathException(path, "cannot check its parent " + RelativePath.of(root, at) + ": " + e);
        }
    }

    /** The folder's real path. */
    public Path root() {
        return root;
    }
}
