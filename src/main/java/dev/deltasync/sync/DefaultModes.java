package dev.deltasync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The modes this process gives new files and directories (0666 and 0777 under its umask), for entries whose source
 * did not tell theirs. Java cannot read the umask, so it is measured once on a probe file.
 */
record DefaultModes(int file, int directory) {

    static final DefaultModes UMASK_022 = new DefaultModes(0644, 0755);

    /** Measures the umask by creating a probe in {@code privateDir} (deltasync's own temp folder). */
    static DefaultModes measure(Path privateDir) {
        Path probe = privateDir.resolve("umask-probe-" + ProcessHandle.current().pid());
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
            int file = FileAttributes.mode(Files.getPosixFilePermissions(probe, LinkOption.NOFOLLOW_LINKS));
            int umask = 0666 & ~file;
            return new DefaultModes(file, 0777 & ~umask);
        } catch (IOException | UnsupportedOperationException e) {
            return UMASK_022;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // removed with the other leftovers at the next start
            }
        }
    }
}
