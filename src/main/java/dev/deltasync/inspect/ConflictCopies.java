package dev.deltasync.inspect;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.deltasync.sync.MetadataDir;
import dev.deltasync.sync.Side;

/** The conflict copies in a shared folder ({@code name.sync-conflict-YYYYMMDD-HHMMSS-<side>.ext}). */
public final class ConflictCopies {

    private static final Pattern NAME = Pattern.compile("^(.*)\\.sync-conflict-(\\d{8}-\\d{6})-(server|client)(\\.[^/]*)?$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * One conflict copy.
     *
     * @param copy   its path relative to the folder
     * @param winner the file whose place it lost (relative), which may since have been removed
     * @param side   whose version the copy holds: the side that lost
     * @param time   when the conflict was found (local time of the machine that named it)
     */
    public record Copy(String copy, String winner, Side side, LocalDateTime time, long size, boolean winnerExists) {
    }

    private ConflictCopies() {
    }

    /** What the file name says, or empty when it is no conflict copy. */
    public static Optional<Copy> parse(Path root, String relPath) {
        Matcher m = NAME.matcher(relPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        String winner = m.group(1) + (m.group(4) == null ? "" : m.group(4));
        LocalDateTime time;
        try {
            time = LocalDateTime.parse(m.group(2), STAMP);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Path file = root.resolve(relPath);
        long size = file.toFile().length();
        return Optional.of(new Copy(relPath, winner, Side.valueOf(m.group(3).toUpperCase(java.util.Locale.ROOT)), time,
                size, Files.isRegularFile(root.resolve(winner))));
    }

    /** Every conflict copy under {@code root}, sorted by path; {@code .deltasync/} is not looked at. */
    public static List<Copy> in(Path root) throws IOException {
        List<Copy> copies = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(MetadataDir.of(root)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    parse(root, relative(root, file)).ifPresent(copies::add);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        copies.sort(java.util.Comparator.comparing(Copy::copy));
        return copies;
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
