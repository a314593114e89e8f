package dev.deltasync.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes changes into one shared folder (server and client alike), never leaving a half-written file under a real
 * name: content goes to a temp file in {@code DIR/.deltasync/tmp/}, is verified against its SHA-256, gets its
 * mtime and exec bit, is fsynced, and replaces the target in one atomic rename. Before touching anything the
 * current file is re-checked against what the scan saw; if it changed, {@link ChangedSinceScanException} is
 * thrown and nothing is written. The re-check and the rename are done under one lock, so concurrent peers of a
 * server cannot interleave there.
 */
public final class FolderApplier {

    private static final Logger LOG = LoggerFactory.getLogger(FolderApplier.class);

    private final Path root;
    private final Path tempDir;
    private final FolderPaths paths;
    private final ConfinedFiles files;
    private final DiskRecheck recheck;
    private final DefaultModes defaults;
    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    private final Trash trash;

    public FolderApplier(Path root, Trash trash, Clock clock) throws IOException {
        this.root = root.toRealPath();
        this.tempDir = MetadataDir.tempDir(this.root);
        this.paths = new FolderPaths(this.root);
        this.files = new ConfinedFiles(paths);
        this.recheck = new DiskRecheck(clock);
        this.trash = trash;
        MetadataDir.createPrivateDirectories(MetadataDir.of(this.root));
        MetadataDir.createPrivateDirectories(tempDir);
        removeLeftoverTempFiles();
        this.defaults = DefaultModes.measure(tempDir);
    }

    public static FolderApplier forFolder(Path root) throws IOException {
        return new FolderApplier(root, Trash.forFolder(root), Clock.systemUTC());
    }

    /** A fresh temp file on the folder's file system, for content being received: owner-only until installed. */
    public Path newTempFile() throws IOException {
        try {
            return Files.createTempFile(tempDir, "incoming-", ".part", OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(tempDir, "incoming-", ".part");
        }
    }

    /**
     * Puts the verified content of {@code temp} at {@code target.path()}. The temp file is consumed: moved into
     * place on success, deleted on any failure.
     *
     * @param expectedCurrent what the scan saw at the target; null when it must be absent
     * @param trashOld        keep the replaced file in the trash
     */
    public void install(Path temp, FileEntry target, FileEntry expectedCurrent, boolean trashOld)
            throws IOException {
        Fsync.directory(installLeavingDirectoryUnsynced(temp, target, expectedCurrent, trashOld));
    }

    /**
     * Like {@link #install} for a temp file whose SHA-256 was computed from the bytes as they were written to it
     * ({@code writtenHash}, a patcher's): checked against the target's hash the same way, without reading the file
     * back to hash it again.
     */
    public void installHashed(Path temp, FileEntry target, FileEntry expectedCurrent, boolean trashOld,
                              String writtenHash) throws IOException {
        Fsync.directory(placeOrDiscard(temp, target, expectedCurrent, trashOld, () -> writtenHash));
    }

    /**
     * Like {@link #install}, but leaves the fsync of the directory entry to the caller, who installs many
     * files and syncs each directory once (see {@link #syncDirectories}). Returns the directory.
     */
    public Path installLeavingDirectoryUnsynced(Path temp, FileEntry target, FileEntry expectedCurrent, boolean trashOld)
            throws IOException {
        return placeOrDiscard(temp, target, expectedCurrent, trashOld, () -> ContentHash.of(temp));
    }

    /** A new file in place: its entry with the whole hash, and the directory whose entry still needs an fsync. */
    public record Installed(FileEntry entry, Path directory) {
    }

    /**
     * Writes a new file whose whole content is in memory and installs it like {@link #installLeavingDirectoryUnsynced};
     * the content is hashed as it is written instead of being read back. Safe to call from several threads at once:
     * their fsyncs overlap (the file system commits them together), only the final moves take turns. The target's
     * hash may be the first bytes of the SHA-256 only (a batch entry's prefix): the content's hash must start with
     * them, and the entry installed carries the whole hash.
     */
    public Installed installNewLeavingDirectoryUnsynced(byte[] content, FileEntry target) throws IOException {
        String actual = ContentHash.of(content);
        FileEntry whole = target.withWholeHash(actual);
        Path temp = written(target, out -> out.write(content));
        return new Installed(whole, placeOrDiscard(temp, whole, null, false, () -> actual));
    }

    /**
     * Writes content already verified against {@code target}'s whole SHA-256 by the caller (a server push checked on
     * arrival) and installs it like {@link #install}: same re-check of {@code expectedCurrent}, attributes, fsyncs
     * and atomic move, without hashing the bytes a second time.
     */
    public void installVerified(byte[] content, FileEntry target, FileEntry expectedCurrent, boolean trashOld)
            throws IOException {
        Fsync.directory(installVerifiedLeavingDirectoryUnsynced(content, target, expectedCurrent, trashOld));
    }

    /**
     * Like {@link #installVerified}, but leaves the fsync of the directory entry to the caller, who installs many
     * files side by side and syncs each directory once (see {@link #syncDirectories}). Returns the directory.
     */
    public Path installVerifiedLeavingDirectoryUnsynced(byte[] content, FileEntry target, FileEntry expectedCurrent,
                                                        boolean trashOld) throws IOException {
        if (content.length != target.size()) {
            throw new ApplyException("received content for " + target.path() + " has " + content.length
                    + " bytes, not the " + target.size() + " of its entry; not installed");
        }
        Path temp = written(target, out -> out.write(content));
        return placeOrDiscard(temp, target, expectedCurrent, trashOld, target::hash);
    }

    /** Streams {@code content} into a temp file, then {@link #install}s it; a failed write leaves no temp behind. */
    public void installFrom(InputStream content, FileEntry target, FileEntry expectedCurrent, boolean trashOld)
            throws IOException {
        install(written(target, content::transferTo), target, expectedCurrent, trashOld);
    }

    /** Makes the renames into these directories durable. */
    public void syncDirectories(java.util.Collection<Path> directories) throws IOException {
        for (Path directory : directories) {
            Fsync.directory(directory);
        }
    }

    @FunctionalInterface
    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    @FunctionalInterface
    private interface ContentHashOf {
        String get() throws IOException;
    }

    /** A new temp file holding what {@code writing} wrote; none is left behind if the write fails. */
    private Path written(FileEntry target, Writing writing) throws IOException {
        Path temp = newTempFile();
        try (OutputStream out = Files.newOutputStream(temp)) {
            writing.to(out);
            return temp;
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw ApplyException.writing(target.path(), e);
        }
    }

    /** {@link #place}s {@code temp}, or deletes it and says which file could not be installed. */
    private Path placeOrDiscard(Path temp, FileEntry target, FileEntry expectedCurrent, boolean trashOld,
                                ContentHashOf actual) throws IOException {
        try {
            return place(temp, target, expectedCurrent, trashOld, actual.get());
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw ApplyException.writing(target.path(), e);
        }
    }

    private Path place(Path temp, FileEntry target, FileEntry expectedCurrent, boolean trashOld, String actual)
            throws IOException {
        String path = target.path();
        Path dest = paths.resolve(path);
        if (!actual.equals(target.hash())) {
            throw new ApplyException("received content for " + path + " does not match its SHA-256 (expected "
                    + target.hash() + ", got " + actual + "); not installed");
        }
        FileAttributes.apply(temp, target, defaults);
        Fsync.file(temp);
        synchronized (this) {
            createParents(path);
            dest = paths.resolve(path); // again, now that the parents exist: checked right before the move
            recheck.require(dest, path, expectedCurrent);
            if (trashOld && expectedCurrent != null) {
                trash.keepCopy(dest, path);
            }
            files.moveIn(temp, path);
        }
        LOG.debug("Installed {}", path);
        return dest.getParent();
    }

    /**
     * Creates (or replaces) a symlink; its target must stay inside the folder and out of {@code .deltasync/} once
     * resolved from the link's directory on this disk, through any other links (judged right before the move).
     */
    public void installSymlink(FileEntry link, FileEntry expectedCurrent, boolean trashOld) throws IOException {
        Path dest = paths.resolve(link.path());
        refuseEscapingLink(link);
        Path temp = tempDir.resolve("link-" + java.util.UUID.randomUUID());
        try {
            Files.createSymbolicLink(temp, temp.getFileSystem().getPath(link.linkTarget()));
            synchronized (this) {
                createParents(link.path());
                refuseEscapingLink(link);
                recheck.require(dest, link.path(), expectedCurrent);
                if (trashOld && expectedCurrent != null) {
                    trash.keepCopy(dest, link.path());
                }
                files.moveIn(temp, link.path());
            }
            Fsync.directory(dest.getParent());
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw ApplyException.writing(link.path(), e);
        }
    }

    private void refuseEscapingLink(FileEntry link) throws UnsafePathException {
        String why = paths.whyLinkEscapes(link.path(), link.linkTarget());
        if (why != null) {
            throw new UnsafePathException(link.path(), "a symlink whose target leaves the folder or leads into "
                    + MetadataDir.NAME + "/: " + why);
        }
    }

    /** The missing directories on the way to {@code path}, created one by one after each is checked. */
    private void createParents(String path) throws IOException {
        int slash = path.indexOf('/');
        while (slash > 0) {
            Path dir = paths.resolve(path.substring(0, slash));
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(dir);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    paths.resolve(path); // made meanwhile by someone else: fine if it is no link
                }
            }
            slash = path.indexOf('/', slash + 1);
        }
    }

    /** Removes a file, symlink or empty directory that must still be {@code expected}; a link goes as a link. */
    public void delete(FileEntry expected, boolean toTrash) throws IOException {
        Fsync.directory(deleteLeavingDirectoryUnsynced(expected, toTrash));
    }

    /**
     * Like {@link #delete}, but leaves the fsync of the directory entry to the caller, so that the removals of a plan
     * need not take turns for it. Returns the directory.
     */
    public synchronized Path deleteLeavingDirectoryUnsynced(FileEntry expected, boolean toTrash) throws IOException {
        Path file = paths.resolve(expected.path());
        recheck.require(file, expected.path(), expected);
        if (expected.isDir()) {
            removeDirectory(expected.path());
        } else if (toTrash) {
            files.moveOut(expected.path(), trash.reserve(expected.path()));
        } else {
            files.deleteFile(expected.path());
        }
        LOG.debug("Deleted {}{}", expected.path(), toTrash ? " (kept in the trash)" : "");
        return file.getParent();
    }

    /** Moves {@code from} to {@code to}, unchanged. */
    public void rename(String from, String to, FileEntry expected) throws IOException {
        rename(from, expected.withPath(to), expected);
    }

    /**
     * Moves {@code from} to {@code target.path()} (a link as a link) and gives a file or directory the target's mode
     * and mtime; a link's attributes are left alone, never applied to what it points to.
     */
    public synchronized void rename(String from, FileEntry target, FileEntry expectedFrom) throws IOException {
        Path source = paths.resolve(from);
        Path dest = paths.resolve(target.path());
        recheck.require(source, from, expectedFrom);
        recheck.require(dest, target.path(), null);
        try {
            createParents(target.path());
            files.move(from, target.path());
            if (expectedFrom.kind() != FileEntry.Kind.SYMLINK && target.kind() != FileEntry.Kind.SYMLINK) {
                FileAttributes.apply(paths.resolve(target.path()), target, defaults);
            }
        } catch (IOException e) {
            throw ApplyException.writing(target.path(), e);
        }
        Fsync.directory(source.getParent());
        Fsync.directory(dest.getParent());
    }

    /**
     * Creates a directory and its parents with the entry's mode (owner rwx always kept); an existing directory is
     * fine and takes the entry's mode when it carries one.
     */
    public synchronized void mkdir(FileEntry dir) throws IOException {
        Path path = paths.resolve(dir.path());
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            if (dir.hasMode()) {
                setMode(path, dir);
            }
            return;
        }
        recheck.require(path, dir.path(), null);
        createParents(dir.path());
        Files.createDirectory(paths.resolve(dir.path()));
        setMode(path, dir);
        Fsync.directory(path.getParent());
    }

    private void setMode(Path dir, FileEntry entry) throws IOException {
        java.nio.file.attribute.PosixFileAttributeView view = Files.getFileAttributeView(dir,
                java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            view.setPermissions(FileAttributes.permissions(FileAttributes.modeFor(entry, defaults)));
        }
    }

    public synchronized void removeEmptyDir(String path) throws IOException {
        Path dir = paths.resolve(path);
        recheck.require(dir, path, FileEntry.dir(path, 0));
        removeDirectory(path);
    }

    /** Renames the loser of a conflict to its conflict name, in place. */
    public synchronized void moveAside(FileEntry loser, String conflictPath) throws IOException {
        Path source = paths.resolve(loser.path());
        Path dest = paths.resolve(conflictPath);
        recheck.require(source, loser.path(), loser);
        recheck.require(dest, conflictPath, null);
        files.move(loser.path(), conflictPath);
        Fsync.directory(dest.getParent());
        LOG.info("Kept the conflicting version of {} as {}", loser.path(), conflictPath);
    }

    private void removeDirectory(String path) throws IOException {
        Path dir = paths.resolve(path);
        try {
            files.deleteDirectory(path);
        } catch (DirectoryNotEmptyException e) {
            String left;
            try (Stream<Path> children = Files.list(dir)) {
                left = children.limit(3).map(p -> p.getFileName().toString()).toList().toString();
            }
            throw new ApplyException("directory " + path + " was not removed: it still holds " + left
                    + " (files that are ignored or appeared since the scan)");
        }
    }

    private void removeLeftoverTempFiles() throws IOException {
        try (Stream<Path> leftovers = Files.list(tempDir)) {
            for (Path leftover : leftovers.toList()) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    Path root() {
        return root;
    }

    /** The folder's paths, judged on the disk. */
    public FolderPaths paths() {
        return paths;
    }

    /** Reads and moves confined to the folder. */
    public ConfinedFiles files() {
        return files;
    }
}
