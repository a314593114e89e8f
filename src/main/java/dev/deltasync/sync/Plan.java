package dev.deltasync.sync;

import java.util.List;
import java.util.Map;

/**
 * The reconciler's answer: the actions in the order they are safe to run, the conflicts found, and how many files
 * each side held before (for the {@link MassDeleteGuard}).
 */
public record Plan(List<Action> actions, List<Conflict> conflicts, Map<Side, Integer> filesBefore) {

    public Plan {
        actions = List.copyOf(actions);
        conflicts = List.copyOf(conflicts);
        filesBefore = Map.copyOf(filesBefore);
    }

    /** Files and links this plan removes from {@code side} (directories are not counted). */
    public int deletionsOn(Side side) {
        int count = 0;
        for (Action action : actions) {
            if (action instanceof Action.Delete delete && delete.on() == side && !delete.expected().isDir()) {
                count++;
            }
        }
        return count;
    }

    public int filesOn(Side side) {
        return filesBefore.getOrDefault(side, 0);
    }

    /** Actions that change a folder (everything but state-only {@link Action.Record} / {@link Action.Forget}). */
    public List<Action> folderActions() {
        return actions.stream().filter(a -> !(a instanceof Action.Record || a instanceof Action.Forget)).toList();
    }

    public boolean inSync() {
        return folderActions().isEmpty();
    }
}
