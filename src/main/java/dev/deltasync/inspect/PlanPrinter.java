package dev.deltasync.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.deltasync.sync.Action;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.Plan;
import dev.deltasync.sync.Side;

/**
 * A plan in words, for {@code client --once --dry-run}: one line per action that would change a folder
 * ({@code kind  path  details}), seen from the client (upload = client to server), then a one-line total.
 */
public final class PlanPrinter {

    private PlanPrinter() {
    }

    /** One line per folder-changing action, in the order a sync would run them. */
    public static List<String> lines(Plan plan) {
        List<String> lines = new ArrayList<>();
        for (Action action : plan.folderActions()) {
            if (action instanceof Action.Copy copy) {
                if (copy.trashTarget() && copy.targetBefore() != null) {
                    lines.add(line("trash", copy.path(), bytes(copy.targetBefore().size()) + ", the "
                            + where(copy.to()) + "'s version goes to its trash before it is replaced"));
                }
                lines.add(line(copy.to() == Side.SERVER ? "upload" : "download", copy.path(), copyDetails(copy)));
            } else if (action instanceof Action.Delete delete) {
                String what = delete.expected().isDir() ? "empty directory" : bytes(delete.expected().size());
                lines.add(line(delete.toTrash() ? "trash" : "delete", delete.path(),
                        what + ", on the " + where(delete.on()) + (delete.toTrash() ? ", moved to its trash" : "")));
            } else if (action instanceof Action.Rename rename) {
                lines.add(line("rename", rename.from(), "to " + rename.target().path() + " on the "
                        + where(rename.on()) + ", " + bytes(rename.target().size()) + ", about 0 B on the wire"));
            } else if (action instanceof Action.KeepAsConflict conflict) {
                lines.add(line("conflict", conflict.loser().path(), bytes(conflict.loser().size()) + ", the "
                        + where(conflict.on()) + "'s version is kept as " + conflict.conflictPath()));
            } else if (action instanceof Action.Mkdir mkdir) {
                lines.add(line("mkdir", mkdir.path(), "directory, on the " + where(mkdir.on())));
            }
        }
        return lines;
    }

    /** The closing line: how many actions of each kind, and that nothing was changed. */
    public static String total(Plan plan) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : lines(plan)) {
            counts.merge(line.substring(0, line.indexOf(' ')), 1, Integer::sum);
        }
        if (counts.isEmpty()) {
            return "dry run: already in sync, nothing to do";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, n) -> parts.add(n + " " + kind));
        return "dry run: " + String.join(", ", parts) + "; nothing was changed";
    }

    private static String copyDetails(Action.Copy copy) {
        FileEntry source = copy.source();
        if (!source.isFile()) {
            return "symbolic link to " + source.linkTarget() + ", about 0 B on the wire";
        }
        String size = bytes(source.size());
        if (copy.targetBefore() == null || !copy.targetBefore().isFile()) {
            return size + ", new file, at most " + size + " on the wire";
        }
        return size + ", update, a delta against the " + bytes(copy.targetBefore().size())
                + " version there, at most " + size + " on the wire";
    }

    private static String line(String kind, String path, String details) {
        return String.format(Locale.ROOT, "%-9s %s  %s", kind, path, details);
    }

    private static String where(Side side) {
        return side.label();
    }

    static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d B", n);
    }
}
