package dev.deltasync.sync;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DIR/.deltasync/trash/<timestamp>/<path>}: where mirror modes put what they overwrite or delete. Batches
 * older than the maximum age go first, then the oldest batches until the trash fits its maximum size.
 */
public final class Trash {

    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(Trash.class);

    private final Path dir;
    private final long maxBytes;
    private final Duration maxAge;
    private final Clock clock;

    public Trash(Path dir, long maxBytes, Duration maxAge, Clock clock) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public static Trash forFolder(Path root) {
        return new Trash(MetadataDir.trashDir(root), DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE, Clock.systemUTC());
    }

    /** Moves {@code file} (found at {@code path} in the folder) into the trash. */
    public Path keep(Path file, String path) throws IOException {
        Path kept = destination(path);
        Files.move(file, kept, StandardCopyOption.ATOMIC_MOVE);
        return kept;
    }

    /**
     * Puts a copy of {@code file} into the trash and leaves the file in place, so it can then be replaced in one
     * atomic rename. A hard link costs no space; a copy is made where links are not supported.
     */
    public Path keepCopy(Path file, String path) throws IOException {
        Path kept = destination(path);
        try {
            Files.createLink(kept, file);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(file, kept, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
        return kept;
    }

    /** Removes batches older than the maximum age, then the oldest ones until the trash fits its size. */
    public void prune() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> batches = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(batches::add);
        }
        batches.sort(Comparator.comparing(p -> p.getFileName().toString()));
        String oldestKept = STAMP.format(clock.instant().minus(maxAge));
        long total = 0;
        List<Long> sizes = new ArrayList<>();
        for (Path batch : batches) {
            long size = sizeOf(batch);
            sizes.add(size);
            total += size;
        }
        for (int i = 0; i < batches.size(); i++) {
            Path batch = batches.get(i);
            if (batch.getFileName().toString().compareTo(oldestKept) < 0 || total > maxBytes) {
                deleteTree(batch);
                total -= sizes.get(i);
                LOG.info("Pruned trash batch {}", batch.getFileName());
            }
        }
    }

    /** A free place in the trash for the entry at {@code path}, its directories created: the caller moves it there. */
    public Path reserve(String path) throws IOException {
        return destination(path);
    }

    private Path destination(String path) throws IOException {
        Path batch = dir.resolve(STAMP.format(Instant.now(clock)));
        Path kept = batch.resolve(path);
        for (int n = 1; Files.exists(kept, java.nio.file.LinkOption.NOFOLLOW_LINKS); n++) {
            kept = batch.resolve(path + "~" + n);
        }
        MetadataDir.createPrivateDirectories(dir);
        Files.createDirectories(kept.getParent());
        return kept;
    }

    private static long sizeOf(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
