package dev.deltasync.sync;

import java.util.List;

/** A list of files in a log line: "3 new files (a.txt, b.txt, c.txt)", the first few and a count beyond. */
public final class PathList {

    static final int SHOWN = 5;

    private PathList() {
    }

    /** @param noun singular, e.g. "new file"; an "s" is added for any count but one */
    public static String describe(List<String> paths, String noun) {
        String counted = paths.size() + " " + noun + (paths.size() == 1 ? "" : "s");
        if (paths.isEmpty()) {
            return counted;
        }
        List<String> shown = paths.subList(0, Math.min(SHOWN, paths.size()));
        return counted + " (" + String.join(", ", shown)
                + (paths.size() > SHOWN ? " and " + (paths.size() - SHOWN) + " more" : "") + ")";
    }
}
