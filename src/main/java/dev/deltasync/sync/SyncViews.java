package dev.deltasync.sync;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The reconciler's three inputs: the last-synced state (the common ancestor) and both sides' current entries. */
record SyncViews(Map<String, FileEntry> lastSynced, Map<String, FileEntry> server, Map<String, FileEntry> client) {

    Map<String, FileEntry> on(Side side) {
        return side == Side.SERVER ? server : client;
    }

    FileEntry on(Side side, String path) {
        return on(side).get(path);
    }

    FileEntry base(String path) {
        return lastSynced.get(path);
    }

    /** Every path known anywhere, sorted so that a directory comes before what it contains. */
    Set<String> allPaths() {
        Set<String> paths = new TreeSet<>(lastSynced.keySet());
        paths.addAll(server.keySet());
        paths.addAll(client.keySet());
        return paths;
    }
}
