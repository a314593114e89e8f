package dev.deltasync.sync;

import java.util.ArrayList;
import java.util.List;

/** Turns each path's {@link Resolution} into the actions that bring both sides there (unordered). */
final class ActionPlanner {

    private final SyncViews views;
    private final boolean trashOverwritten;
    private final ConflictNamer namer;
    private final List<Action> actions = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();

    ActionPlanner(SyncViews views, boolean trashOverwritten, ConflictNamer namer) {
        this.views = views;
        this.trashOverwritten = trashOverwritten;
        this.namer = namer;
    }

    List<Action> actions() {
        return actions;
    }

    List<Conflict> conflicts() {
        return conflicts;
    }

    void plan(String path, Resolution resolution) {
        if (resolution instanceof Resolution.Conflicting conflicting) {
            planConflict(path, conflicting);
        } else {
            planFinal(path, resolution.result());
        }
    }

    private void planFinal(String path, FileEntry target) {
        FileEntry onServer = views.on(Side.SERVER, path);
        FileEntry onClient = views.on(Side.CLIENT, path);
        bring(Side.SERVER, onServer, target);
        bring(Side.CLIENT, onClient, target);
        FileEntry base = views.base(path);
        if (target == null) {
            if (base != null && onServer == null && onClient == null) {
                actions.add(new Action.Forget(path));
            }
        } else if (target.sameContent(onServer) && target.sameContent(onClient) && !target.sameContent(base)) {
            actions.add(new Action.Record(target));
        }
    }

    private void bring(Side side, FileEntry current, FileEntry target) {
        if (target == null) {
            if (current != null) {
                actions.add(new Action.Delete(side, current, trashOverwritten));
            }
            return;
        }
        if (target.sameContent(current)) {
            return;
        }
        if (current != null && (current.isDir() || target.isDir())) {
            actions.add(new Action.Delete(side, current, trashOverwritten));
            current = null;
        }
        actions.add(target.isDir()
                ? new Action.Mkdir(side, target)
                : new Action.Copy(side, target, current, trashOverwritten && current != null));
    }

    private void planConflict(String path, Resolution.Conflicting conflict) {
        Side winnerSide = conflict.winnerSide();
        Side loserSide = winnerSide.other();
        String conflictPath = namer.name(path, loserSide);
        FileEntry winner = conflict.winner();
        actions.add(new Action.KeepAsConflict(loserSide, conflict.loser(), conflictPath));
        actions.add(winner.isDir()
                ? new Action.Mkdir(loserSide, winner)
                : new Action.Copy(loserSide, winner, null, false));
        actions.add(new Action.Copy(winnerSide, conflict.loser().withPath(conflictPath), null, false));
        conflicts.add(new Conflict(path, conflictPath, winnerSide, loserSide));
    }
}
