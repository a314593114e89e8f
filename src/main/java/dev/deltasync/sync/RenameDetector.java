package dev.deltasync.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A delete plus a create of identical content on the same side is a rename done on the other side: moving the
 * file locally saves sending it again.
 */
final class RenameDetector {

    private RenameDetector() {
    }

    static List<Action> detect(List<Action> actions) {
        // A path that changes type is first vacated then re-occupied on the same side: neither half may take
        // part in a rename, whose phase comes before directories are removed.
        Set<String> reoccupied = new HashSet<>();
        Set<String> vacated = new HashSet<>();
        for (Action action : actions) {
            if (action instanceof Action.Copy || action instanceof Action.Mkdir) {
                reoccupied.add(sideKey(sideOf(action), action.path()));
            } else if (action instanceof Action.Delete delete) {
                vacated.add(sideKey(delete.on(), delete.path()));
            }
        }
        Map<String, Deque<Action.Delete>> deletesByContent = new HashMap<>();
        for (Action action : actions) {
            if (action instanceof Action.Delete delete && isRenameSource(delete, reoccupied)) {
                deletesByContent.computeIfAbsent(sideKey(delete.on(), delete.expected().hash()),
                        k -> new ArrayDeque<>()).add(delete);
            }
        }
        Map<Action, Action> replaced = new IdentityHashMap<>();
        for (Action action : actions) {
            if (action instanceof Action.Copy copy && copy.targetBefore() == null && copy.source().isFile()
                    && !vacated.contains(sideKey(copy.to(), copy.path()))) {
                Deque<Action.Delete> candidates = deletesByContent.get(sideKey(copy.to(), copy.source().hash()));
                if (candidates != null && !candidates.isEmpty()) {
                    Action.Delete delete = candidates.poll();
                    replaced.put(delete, null);
                    replaced.put(copy, new Action.Rename(copy.to(), delete.path(), copy.source(), delete.expected()));
                }
            }
        }
        List<Action> result = new ArrayList<>(actions.size());
        for (Action action : actions) {
            if (!replaced.containsKey(action)) {
                result.add(action);
            } else if (replaced.get(action) != null) {
                result.add(replaced.get(action));
            }
        }
        return result;
    }

    private static boolean isRenameSource(Action.Delete delete, Set<String> reoccupied) {
        FileEntry expected = delete.expected();
        return expected.isFile() && !expected.hash().isEmpty()
                && !reoccupied.contains(sideKey(delete.on(), expected.path()));
    }

    private static Side sideOf(Action action) {
        if (action instanceof Action.Copy copy) {
            return copy.to();
        }
        return ((Action.Mkdir) action).on();
    }

    private static String sideKey(Side side, String value) {
        return side + ":" + value;
    }
}
