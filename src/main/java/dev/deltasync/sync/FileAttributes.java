package dev.deltasync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Gives a written file or directory the entry's mode and mtime, never through a symlink: a link keeps its own
 * attributes (the entry of a link carries none), and a link found where a file was expected is left alone.
 */
final class FileAttributes {

    private FileAttributes() {
    }

    /** Sets {@code file}'s permission bits (the entry's, or {@code defaults}' when it has none) and mtime. */
    static void apply(Path file, FileEntry entry, DefaultModes defaults) throws IOException {
        if (entry.kind() == FileEntry.Kind.SYMLINK || Files.isSymbolicLink(file)) {
            return;
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (posix != null) {
            posix.setPermissions(permissions(modeFor(entry, defaults)));
        } else {
            file.toFile().setExecutable(entry.executable());
        }
        if (!entry.isDir()) {
            Files.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.fromMillis(entry.mtimeMillis()), null, null);
        }
    }

    /**
     * The bits a file or directory gets: the entry's own, or the default with execute added (for whoever may read)
     * when the entry is executable. A directory always keeps rwx for its owner, so the sync can write into it.
     */
    static int modeFor(FileEntry entry, DefaultModes defaults) {
        if (entry.isDir()) {
            return (entry.hasMode() ? entry.mode() : defaults.directory()) | 0700;
        }
        if (entry.hasMode()) {
            return entry.mode();
        }
        int mode = defaults.file();
        return entry.executable() ? mode | (mode & 0444) >> 2 : mode & ~0111;
    }

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & 0400 >> permission.ordinal()) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }
}
