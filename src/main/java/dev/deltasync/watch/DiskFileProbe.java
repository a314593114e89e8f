package dev.deltasync.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link FileProbe} on the real shared folder; symbolic links are looked at, not followed. */
public final class DiskFileProbe implements FileProbe {

    private static final Logger LOG = LoggerFactory.getLogger(DiskFileProbe.class);

    private final Path root;

    public DiskFileProbe(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public FileSnapshot probe(String relPath) {
        Path path = root.resolve(relPath);
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            long mtime = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            return attrs.isDirectory() ? FileSnapshot.directory(mtime) : FileSnapshot.file(attrs.size(), mtime);
        } catch (NoSuchFileException e) {
            return FileSnapshot.ABSENT;
        } catch (IOException e) {
            LOG.warn("Cannot read the attributes of {}: {}; treating it as changed", path, e.toString());
            return FileSnapshot.UNREADABLE;
        }
    }
}
