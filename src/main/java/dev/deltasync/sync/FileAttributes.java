package dev.deltasync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Gives a written file the entry's mtime and executable bit. */
final class FileAttributes {

    private FileAttributes() {
    }

    static void apply(Path file, FileEntry entry) throws IOException {
        setExecutable(file, entry.executable());
        Files.setLastModifiedTime(file, FileTime.fromMillis(entry.mtimeMillis()));
    }

    /** Execute is granted to whoever may read (owner, group, others), like {@code chmod +x} under a umask. */
    private static void setExecutable(Path file, boolean executable) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException e) {
            file.toFile().setExecutable(executable);
            return;
        }
        toggle(permissions, executable, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE);
        toggle(permissions, executable, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE);
        toggle(permissions, executable, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(file, permissions);
    }

    private static void toggle(Set<PosixFilePermission> permissions, boolean executable, PosixFilePermission read,
                               PosixFilePermission execute) {
        if (executable && permissions.contains(read)) {
            permissions.add(execute);
        } else if (!executable) {
            permissions.remove(execute);
        }
    }
}
