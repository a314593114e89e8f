package dev.deltasync.sync;

import java.time.Clock;
import java.time.format.DateTimeFormatter;

/**
 * Names the loser of a conflict {@code name.sync-conflict-YYYYMMDD-HHMMSS-<server|client>.ext}, in the same
 * directory as the original. The extension is what follows the last dot of the file name, unless that dot
 * starts the name ({@code .bashrc} has none).
 */
public final class ConflictNamer {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String MARK = ".sync-conflict-";

    private final Clock clock;

    public ConflictNamer(Clock clock) {
        this.clock = clock;
    }

    public static ConflictNamer systemClock() {
        return new ConflictNamer(Clock.systemDefaultZone());
    }

    public String name(String path, Side loserSide) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String fileName = path.substring(slash + 1);
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        String ext = dot > 0 ? fileName.substring(dot) : "";
        String stamp = STAMP.format(clock.instant().atZone(clock.getZone()));
        return dir + base + MARK + stamp + "-" + loserSide.label() + ext;
    }

    public static boolean isConflictCopy(String path) {
        return path.contains(MARK);
    }
}
