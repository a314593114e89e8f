package dev.deltasync.sync;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Forces data and names to the disk, so that a rename is never durable before the content it points to. */
final class Fsync {

    private Fsync() {
    }

    static void file(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes a rename or delete in {@code dir} durable; a no-op where directories cannot be opened (Windows). */
    static void directory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not supported on this platform: the rename is still atomic, only its durability is the OS's choice.
        }
    }
}
