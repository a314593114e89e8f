package dev.deltasync.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which a plan is safe to run, one phase after the other: conflict losers step aside; files and
 * links are deleted (deepest first); directories are created (parents first); renames move content (their old
 * directories still exist); emptied directories are removed (deepest first); content is copied in; the state
 * catches up.
 */
final class PlanOrder {

    private static final Comparator<Action> ORDER = Comparator.comparingInt(PlanOrder::phase)
            .thenComparing((a, b) -> isDelete(a) ? b.path().compareTo(a.path()) : a.path().compareTo(b.path()));

    private PlanOrder() {
    }

    static List<Action> sort(List<Action> actions) {
        List<Action> sorted = new ArrayList<>(actions);
        sorted.sort(ORDER);
        return sorted;
    }

    private static int phase(Action action) {
        if (action instanceof Action.KeepAsConflict) {
            return 0;
        }
        if (action instanceof Action.Delete delete) {
            return delete.expected().isDir() ? 4 : 1;
        }
        if (action instanceof Action.Mkdir) {
            return 2;
        }
        if (action instanceof Action.Rename) {
            return 3;
        }
        if (action instanceof Action.Copy) {
            return 5;
        }
        return 6;
    }

    private static boolean isDelete(Action action) {
        return action instanceof Action.Delete;
    }
}
