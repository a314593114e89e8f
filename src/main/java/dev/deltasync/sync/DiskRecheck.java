package dev.deltasync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;

/**
 * Confirms, just before a change, that the disk still holds what the scan saw. Kind, size, mtime and exec bit are
 * compared; the content is hashed as well only when the file was modified within {@link FolderScanner#RACY_MILLIS}
 * of now, where a second write might not have moved the mtime. Older files with unchanged size and mtime are
 * trusted, as the scanner trusts them: re-reading every large file before replacing it would double the I/O.
 */
final class DiskRecheck {

    private final Clock clock;

    DiskRecheck(Clock clock) {
        this.clock = clock;
    }

    void require(Path file, String path, FileEntry expected) throws IOException {
        if (expected == null) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ChangedSinceScanException(path + " appeared since the scan; not overwritten");
            }
            return;
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new ChangedSinceScanException(path + " disappeared since the scan");
        }
        String difference = difference(file, expected, attrs);
        if (difference != null) {
            throw new ChangedSinceScanException(path + " changed since the scan (" + difference + "); not touched");
        }
    }

    private String difference(Path file, FileEntry expected, BasicFileAttributes attrs) throws IOException {
        switch (expected.kind()) {
            case DIR:
                return attrs.isDirectory() ? null : "no longer a directory";
            case SYMLINK:
                if (!attrs.isSymbolicLink()) {
                    return "no longer a symlink";
                }
                String target = Files.readSymbolicLink(file).toString();
                return target.equals(expected.linkTarget()) ? null : "link target now " + target;
            default:
                if (!attrs.isRegularFile()) {
                    return "no longer a regular file";
                }
                long mtime = attrs.lastModifiedTime().toMillis();
                if (attrs.size() != expected.size() || mtime != expected.mtimeMillis()) {
                    return "size or modification time differ";
                }
                if (FolderScanner.executable(file, attrs) != expected.executable()) {
                    return "executable bit differs";
                }
                if (clock.millis() - mtime <= FolderScanner.RACY_MILLIS
                        && !ContentHash.of(file).equals(expected.hash())) {
                    return "content differs";
                }
                return null;
        }
    }
}
