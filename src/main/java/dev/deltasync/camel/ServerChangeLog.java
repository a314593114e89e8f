package dev.deltasync.camel;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.folder.FolderChange;
import dev.deltasync.sync.ConflictNamer;
import dev.deltasync.sync.PathList;

/**
 * Logs on the server what each client's request did to its folder, naming the files and the client, the way
 * the client logs what it applies: new and updated files (several from one request on one line), deletions,
 * renames and conflict copies (kept here or received) one line each.
 */
final class ServerChangeLog {

    private static final Logger LOG = LoggerFactory.getLogger(ServerChangeLog.class);

    void log(List<ChangeAttribution.Attributed> changes) {
        lines(changes).forEach(LOG::info);
    }

    /** The lines for the changes of one request, in the order they were applied (files in by kind first). */
    static List<String> lines(List<ChangeAttribution.Attributed> changes) {
        List<String> lines = new ArrayList<>();
        List<String> arrived = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        long arrivedBytes = 0;
        long updatedBytes = 0;
        String by = "";
        for (ChangeAttribution.Attributed applied : changes) {
            FolderChange change = applied.change();
            String who = applied.client().isEmpty() ? "a client" : applied.client();
            by = who;
            switch (change.type()) {
                case ARRIVED -> {
                    if (ConflictNamer.isConflictCopy(change.path())) {
                        // the client's losing version of a conflict, kept beside the winner
                        lines.add("Received conflict copy " + change.path() + " from " + who + " ("
                                + bytes(change.entry().size()) + ")");
                        continue;
                    }
                    arrived.add(change.path());
                    arrivedBytes += change.entry().size();
                }
                case UPDATED -> {
                    updated.add(change.path());
                    updatedBytes += change.entry().size();
                }
                case DELETED -> lines.add("Deleted " + change.path() + " (deleted by " + who + ")");
                case TRASHED -> lines.add("Moved " + change.path() + " to the trash (deleted by " + who + ")");
                case RENAMED -> lines.add("Renamed " + change.previous() + " to " + change.path() + " (renamed by "
                        + who + ")");
                case CONFLICT_KEPT -> lines.add("Kept this side's version of " + change.previous() + " as "
                        + change.path() + ", a conflict copy (" + who + " changed it too)");
            }
        }
        if (!arrived.isEmpty()) {
            lines.add(0, (arrived.size() == 1 ? "Received new file " + arrived.get(0)
                    : "Received " + PathList.describe(arrived, "new file")) + " from " + by + " (" + bytes(arrivedBytes)
                    + ")");
        }
        if (!updated.isEmpty()) {
            lines.add(arrived.isEmpty() ? 0 : 1, "Updated " + (updated.size() == 1 ? updated.get(0)
                    : PathList.describe(updated, "file")) + " from " + by + " (" + bytes(updatedBytes) + ")");
        }
        return lines;
    }

    private static String bytes(long bytes) {
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
