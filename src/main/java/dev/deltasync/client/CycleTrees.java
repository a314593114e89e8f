package dev.deltasync.client;

import dev.deltasync.sync.Action;
import dev.deltasync.sync.ConflictNamer;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.FolderGoneException;
import dev.deltasync.sync.FolderMarker;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.Mode;
import dev.deltasync.sync.PathsInPlay;
import dev.deltasync.sync.Plan;
import dev.deltasync.sync.Reconciler;
import dev.deltasync.sync.Side;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one cycle reconciles, and the same rules whether every path is in play or only some (only the cost differs):
 * the entries of the last-synced state, the server's manifest and the client's scan at the paths in play, less
 * the paths ignored here and those left alone this round (unreadable or still changing here) with everything
 * under them, so that such a path can neither look deleted nor be sent half-written. The guards see the whole
 * sides: the emptied-folder check without what is ignored or left alone, the mass-delete guard's counts as scanned
 * and listed (a count, not a decision: filtering every entry would cost a live cycle what it saves).
 */
final class CycleTrees {

    private final Map<String, FileEntry> baseAll;
    private final Map<String, FileEntry> serverAll;
    private final Map<String, FileEntry> clientAll;
    private final IgnoreRules rules;
    private final Set<String> leftAlone;
    /** The paths in play hidden under the paths left alone: the next cycle must look at them again. */
    private final Set<String> hiddenInPlay = new HashSet<>();
    final Map<String, FileEntry> base;
    final Map<String, FileEntry> server;
    final Map<String, FileEntry> client;

    CycleTrees(PathsInPlay inPlay, Map<String, FileEntry> baseAll, Map<String, FileEntry> serverAll,
               Map<String, FileEntry> clientAll, IgnoreRules rules, Set<String> leftAlone) {
        this.baseAll = baseAll;
        this.serverAll = serverAll;
        this.clientAll = clientAll;
        this.rules = rules;
        this.leftAlone = Set.copyOf(leftAlone);
        this.base = inPlay.select(baseAll, e -> !hiddenThere(e));
        this.server = inPlay.select(serverAll, e -> !hiddenThere(e));
        this.client = inPlay.select(clientAll, e -> !leftAlone(e)); // the scan holds no ignored path
        if (!leftAlone.isEmpty()) {
            for (Map<String, FileEntry> tree : List.of(baseAll, serverAll, clientAll)) {
                hiddenInPlay.addAll(inPlay.select(tree, this::leftAlone).keySet());
            }
        }
    }

    /** Refuses a side that holds none of the files synced before (the files of both looked at as reconciled). */
    void refuseIfEmptied(Path clientRoot) throws FolderGoneException {
        Map<String, FileEntry> synced = TreeView.without(baseAll, this::hiddenThere);
        FolderMarker.refuseIfEmptied("the client's folder " + clientRoot, synced,
                TreeView.without(clientAll, this::leftAlone));
        FolderMarker.refuseIfEmptied("the server's folder", synced, TreeView.without(serverAll, this::hiddenThere));
    }

    Plan reconcile(Mode mode, ConflictNamer namer) {
        return Reconciler.reconcile(base, server, client, mode, namer, Reconciler.filesOn(serverAll, clientAll));
    }

    /**
     * A side's tree for the transfers' choice of similar files, read through: nothing the plan changes on that side
     * (it may be gone by then) nor under it, nothing ignored or left alone.
     */
    Map<String, FileEntry> forTransfers(Plan plan, Side side) {
        Set<String> touched = touched(plan, side);
        return side == Side.CLIENT
                ? TreeView.without(clientAll, e -> SyncCycle.isUnder(e.path(), touched) || leftAlone(e))
                : TreeView.without(serverAll, e -> SyncCycle.isUnder(e.path(), touched) || hiddenThere(e));
    }

    /**
     * What the next cycle looks at again whatever changes: every path this plan acted on (an action that failed
     * left it unlike on the two sides, and one that succeeded changed the state), the paths left alone, and the
     * paths in play hidden under them.
     */
    Set<String> pending(Plan plan) {
        Set<String> pending = new HashSet<>(leftAlone);
        pending.addAll(hiddenInPlay);
        for (Action action : plan.actions()) {
            pending.add(action.path());
            if (action instanceof Action.Rename rename) {
                pending.add(rename.from());
            } else if (action instanceof Action.KeepAsConflict conflict) {
                pending.add(conflict.loser().path());
            }
        }
        return pending;
    }

    private boolean leftAlone(FileEntry entry) {
        return SyncCycle.isUnder(entry.path(), leftAlone);
    }

    private boolean hiddenThere(FileEntry entry) {
        return leftAlone(entry) || rules.ignored(entry.path(), entry.isDir());
    }

    /** The paths the plan changes on one side. */
    private static Set<String> touched(Plan plan, Side side) {
        Set<String> paths = new HashSet<>();
        for (Action action : plan.actions()) {
            if (action instanceof Action.Copy copy && copy.to() == side) {
                paths.add(copy.path());
            } else if (action instanceof Action.Delete delete && delete.on() == side) {
                paths.add(delete.path());
            } else if (action instanceof Action.Rename rename && rename.on() == side) {
                paths.add(rename.from());
                paths.add(rename.path());
            } else if (action instanceof Action.KeepAsConflict conflict && conflict.on() == side) {
                paths.add(conflict.loser().path());
                paths.add(conflict.conflictPath());
            }
        }
        return paths;
    }
}
