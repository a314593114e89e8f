package dev.deltasync.sync;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Reads, moves and deletes entries of the folder through the directory that holds them, opened one name at a time
 * from the root without following links ({@link SecureDirectoryStream}: {@code openat} with {@code O_NOFOLLOW} on
 * Linux and the BSDs). A directory swapped for a symlink between {@link FolderPaths#resolve}'s check and the use
 * makes the operation fail instead of reaching through the link, and the last name is never followed: a read of a
 * symlink fails, a move or delete acts on the link itself. Where the platform has no secure directory streams the
 * same operations run on paths, right after a fresh check, which leaves a window of a few system calls.
 */
public final class ConfinedFiles {

    private final FolderPaths paths;
    private final Path root;

    public ConfinedFiles(FolderPaths paths) {
        this.paths = paths;
        this.root = paths.root();
    }

    /** Opens the regular file at {@code path} for reading; a symlink there is refused. */
    public FileChannel openForReading(String path) throws IOException {
        Path local = paths.resolve(path);
        try (SecureDirectoryStream<Path> parent = openParent(path)) {
            if (parent != null) {
                SeekableByteChannel channel = parent.newByteChannel(name(local), Set.of(StandardOpenOption.READ,
                        LinkOption.NOFOLLOW_LINKS));
                if (channel instanceof FileChannel file) {
                    return file;
                }
                channel.close();
            }
            return FileChannel.open(local, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw refusedIfLink(path, local, e);
        }
    }

    /** Moves {@code source} (a file of ours, outside the shared part: a temp file) to {@code path}, replacing it. */
    public void moveIn(Path source, String path) throws IOException {
        Path dest = paths.resolve(path);
        try (SecureDirectoryStream<Path> from = openDirectory(source.getParent());
             SecureDirectoryStream<Path> to = openParent(path)) {
            if (from != null && to != null) {
                from.move(name(source), to, name(dest)); // renameat: replaces dest atomically
                return;
            }
        } catch (IOException e) {
            throw refusedIfLink(path, dest, e);
        }
        Files.move(source, paths.resolve(path), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Moves the entry at {@code path} (a link as a link) to {@code dest}, a place of ours outside the shared part. */
    public void moveOut(String path, Path dest) throws IOException {
        Path local = paths.resolve(path);
        try (SecureDirectoryStream<Path> from = openParent(path);
             SecureDirectoryStream<Path> to = openDirectory(dest.getParent())) {
            if (from != null && to != null) {
                from.move(name(local), to, name(dest));
                return;
            }
        } catch (IOException e) {
            throw refusedIfLink(path, local, e);
        }
        Files.move(paths.resolve(path), dest, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Renames {@code from} to {@code to} inside the folder (a link as a link). */
    public void move(String from, String to) throws IOException {
        Path source = paths.resolve(from);
        Path dest = paths.resolve(to);
        try (SecureDirectoryStream<Path> fromDir = openParent(from);
             SecureDirectoryStream<Path> toDir = openParent(to)) {
            if (fromDir != null && toDir != null) {
                fromDir.move(name(source), toDir, name(dest));
                return;
            }
        } catch (IOException e) {
            throw refusedIfLink(from + " or " + to, source, e);
        }
        Files.move(paths.resolve(from), paths.resolve(to), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the file or symlink at {@code path} (the link, never what it points to). */
    public void deleteFile(String path) throws IOException {
        Path local = paths.resolve(path);
        try (SecureDirectoryStream<Path> parent = openParent(path)) {
            if (parent != null) {
                parent.deleteFile(name(local));
                return;
            }
        } catch (IOException e) {
            throw refusedIfLink(path, local, e);
        }
        Files.delete(paths.resolve(path));
    }

    /** Deletes the empty directory at {@code path}; a symlink there is refused. */
    public void deleteDirectory(String path) throws IOException {
        Path local = paths.resolve(path);
        try (SecureDirectoryStream<Path> parent = openParent(path)) {
            if (parent != null) {
                parent.deleteDirectory(name(local));
                return;
            }
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            throw e;
        } catch (IOException e) {
            throw refusedIfLink(path, local, e);
        }
        Files.delete(paths.resolve(path));
    }

    /**
     * The directory holding {@code path}, opened name by name from the root without following links; null where the
     * platform has no secure directory streams.
     */
    SecureDirectoryStream<Path> openParent(String path) throws IOException {
        SecureDirectoryStream<Path> dir = openDirectory(root);
        if (dir == null) {
            return null;
        }
        String[] names = path.split("/");
        try {
            for (int i = 0; i < names.length - 1; i++) {
                SecureDirectoryStream<Path> next = dir.newDirectoryStream(root.getFileSystem().getPath(names[i]),
                        LinkOption.NOFOLLOW_LINKS);
                dir.close();
                dir = next;
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private static SecureDirectoryStream<Path> openDirectory(Path dir) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        stream.close();
        return null;
    }

    private static Path name(Path path) {
        return path.getFileName();
    }

    /**
     * A failure to open a name without following it: when a link now stands where a directory or file was, the
     * operation is refused as unsafe (it was swapped after the check); other failures pass as they are.
     */
    private IOException refusedIfLink(String path, Path local, IOException e) throws UnsafePathException {
        for (Path p = local; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new UnsafePathException(path, RelativePath.of(root, p)
                        + " is a symbolic link, and links are never followed");
            }
        }
        return e;
    }
}
