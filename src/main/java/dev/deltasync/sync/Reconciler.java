package dev.deltasync.sync;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pure heart of a sync: from the last-synced state and both sides' current entries, decide what each side
 * must do so that both end as the mode promises. No I/O, no clocks (the {@link ConflictNamer} carries the only
 * timestamp). Callers remove ignored and unreadable paths from all three maps first, so those are left alone.
 */
public final class Reconciler {

    /** Paths resolved by every reconciliation in this process: what reconciling costs, for tests. */
    private static final LongAdder PATHS_RESOLVED = new LongAdder();

    private Reconciler() {
    }

    public static Plan reconcile(Map<String, FileEntry> lastSynced, Map<String, FileEntry> server,
                                 Map<String, FileEntry> client, Mode mode, ConflictNamer namer) {
        return reconcile(lastSynced, server, client, mode, namer, null);
    }

    /**
     * The plan for the paths of the three maps only, for {@link PathsInPlay}: the maps hold the entries at the paths
     * in play, and {@code filesBefore} counts the files of each whole side (for the {@link MassDeleteGuard}).
     */
    public static Plan reconcile(Map<String, FileEntry> lastSynced, Map<String, FileEntry> server,
                                 Map<String, FileEntry> client, Mode mode, ConflictNamer namer,
                                 Map<Side, Integer> filesBefore) {
        SyncViews views = new SyncViews(checked("last-synced", lastSynced), checked("server", server),
                checked("client", client));
        Map<String, Resolution> resolutions = new TreeMap<>();
        for (String path : views.allPaths()) {
            resolutions.put(path, resolve(path, views, mode));
        }
        PATHS_RESOLVED.add(resolutions.size());
        if (!mode.isMirror()) {
            TreeRepair.repair(resolutions, views);
        }
        ActionPlanner planner = new ActionPlanner(views, mode.isMirror(), namer);
        resolutions.forEach(planner::plan);
        if (filesBefore == null) {
            filesBefore = filesOn(server, client);
        }
        return new Plan(PlanOrder.sort(RenameDetector.detect(planner.actions())), planner.conflicts(), filesBefore);
    }

    /** How many files (and links: everything but directories) each side holds. */
    public static Map<Side, Integer> filesOn(Map<String, FileEntry> server, Map<String, FileEntry> client) {
        Map<Side, Integer> files = new EnumMap<>(Side.class);
        files.put(Side.SERVER, (int) server.values().stream().filter(e -> !e.isDir()).count());
        files.put(Side.CLIENT, (int) client.values().stream().filter(e -> !e.isDir()).count());
        return files;
    }

    /** Paths resolved so far by all reconciliations in this process (to count what a cycle reconciled). */
    public static long pathsResolved() {
        return PATHS_RESOLVED.sum();
    }

    private static Resolution resolve(String path, SyncViews views, Mode mode) {
        return switch (mode) {
            case UNION_CLIENT_WINS -> new UnionPolicy(Side.CLIENT)
                    .resolve(views.base(path), views.on(Side.SERVER, path), views.on(Side.CLIENT, path));
            case UNION_SERVER_WINS -> new UnionPolicy(Side.SERVER)
                    .resolve(views.base(path), views.on(Side.SERVER, path), views.on(Side.CLIENT, path));
            case MIRROR_CLIENT_TO_SERVER -> new Resolution.Final(views.on(Side.CLIENT, path));
            case MIRROR_SERVER_TO_CLIENT -> new Resolution.Final(views.on(Side.SERVER, path));
        };
    }

    private static Map<String, FileEntry> checked(String name, Map<String, FileEntry> entries) {
        entries.forEach((path, entry) -> {
            if (!path.equals(entry.path())) {
                throw new IllegalArgumentException(name + " entries: key " + path + " holds the entry of "
                        + entry.path());
            }
        });
        return entries;
    }
}
