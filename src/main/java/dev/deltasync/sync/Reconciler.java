package dev.deltasync.sync;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pure heart of a sync: from the last-synced state and both sides' current entries, decide what each side
 * must do so that both end as the mode promises. No I/O, no clocks (the {@link ConflictNamer} carries the only
 * timestamp). Callers remove ignored and unreadable paths from all three maps first, so those are left alone.
 */
public final class Reconciler {

    private Reconciler() {
    }

    public static Plan reconcile(Map<String, FileEntry> lastSynced, Map<String, FileEntry> server,
                                 Map<String, FileEntry> client, Mode mode, ConflictNamer namer) {
        SyncViews views = new SyncViews(checked("last-synced", lastSynced), checked("server", server),
                checked("client", client));
        Map<String, Resolution> resolutions = new TreeMap<>();
        for (String path : views.allPaths()) {
            resolutions.put(path, resolve(path, views, mode));
        }
        if (!mode.isMirror()) {
            TreeRepair.repair(resolutions, views);
        }
        ActionPlanner planner = new ActionPlanner(views, mode.isMirror(), namer);
        resolutions.forEach(planner::plan);
        Map<Side, Integer> filesBefore = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            filesBefore.put(side, (int) views.on(side).values().stream().filter(e -> !e.isDir()).count());
        }
        return new Plan(PlanOrder.sort(RenameDetector.detect(planner.actions())), planner.conflicts(), filesBefore);
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
