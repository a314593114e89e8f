package dev.deltasync.sync;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a plan against two in-memory folders and a last-synced state, checking every precondition the real
 * {@link FolderApplier} checks (expected content present, target absent, parent directory exists, directory empty
 * before removal), so that a wrong action or a wrong order fails the test.
 */
final class PlanSimulator {

    private final Map<Side, TreeMap<String, FileEntry>> folders = new EnumMap<>(Side.class);
    private final TreeMap<String, FileEntry> state;
    private final LastSyncedState stateView;

    PlanSimulator(Map<String, FileEntry> lastSynced, Map<String, FileEntry> server, Map<String, FileEntry> client) {
        folders.put(Side.SERVER, new TreeMap<>(server));
        folders.put(Side.CLIENT, new TreeMap<>(client));
        state = new TreeMap<>(lastSynced);
        stateView = new LastSyncedState() {
            public void record(FileEntry agreed) { state.put(agreed.path(), agreed); }
            public void forget(String path) { state.remove(path); }
        };
    }

    TreeMap<String, FileEntry> folder(Side side) {
        return folders.get(side);
    }

    TreeMap<String, FileEntry> state() {
        return state;
    }

    PlanSimulator run(Plan plan) {
        for (Action action : plan.actions()) {
            execute(action);
            stateView.apply(action);
        }
        return this;
    }

    private void execute(Action action) {
        if (action instanceof Action.Copy copy) {
            TreeMap<String, FileEntry> folder = folder(copy.to());
            expect(folder.get(copy.path()), copy.targetBefore(), action);
            requireParent(folder, copy.path(), action);
            folder.put(copy.path(), copy.source());
        } else if (action instanceof Action.Delete delete) {
            TreeMap<String, FileEntry> folder = folder(delete.on());
            expect(folder.get(delete.path()), delete.expected(), action);
            if (!folder.subMap(delete.path() + "/", delete.path() + "0").isEmpty()) {
                throw new AssertionError("directory not empty when deleted: " + action);
            }
            folder.remove(delete.path());
        } else if (action instanceof Action.Rename rename) {
            TreeMap<String, FileEntry> folder = folder(rename.on());
            expect(folder.get(rename.from()), rename.expectedFrom(), action);
            expect(folder.get(rename.path()), null, action);
            requireParent(folder, rename.path(), action);
            folder.remove(rename.from());
            folder.put(rename.path(), rename.target());
        } else if (action instanceof Action.Mkdir mkdir) {
            TreeMap<String, FileEntry> folder = folder(mkdir.on());
            expect(folder.get(mkdir.path()), null, action);
            requireParent(folder, mkdir.path(), action);
            folder.put(mkdir.path(), mkdir.dir());
        } else if (action instanceof Action.KeepAsConflict keep) {
            TreeMap<String, FileEntry> folder = folder(keep.on());
            expect(folder.get(keep.loser().path()), keep.loser(), action);
            expect(folder.get(keep.conflictPath()), null, action);
            folder.remove(keep.loser().path());
            folder.put(keep.conflictPath(), keep.loser().withPath(keep.conflictPath()));
        } else if (action instanceof Action.Record record) {
            for (Side side : Side.values()) {
                expect(folder(side).get(record.path()), record.agreed(), action);
            }
        } else if (action instanceof Action.Forget forget) {
            for (Side side : Side.values()) {
                expect(folder(side).get(forget.path()), null, action);
            }
        }
    }

    private static void expect(FileEntry actual, FileEntry expected, Action action) {
        boolean ok = expected == null ? actual == null : expected.sameContent(actual);
        if (!ok) {
            throw new AssertionError("precondition failed for " + action + ": found " + actual);
        }
    }

    private static void requireParent(Map<String, FileEntry> folder, String path, Action action) {
        String parent = TreeRepair.parentOf(path);
        if (parent != null && (folder.get(parent) == null || !folder.get(parent).isDir())) {
            throw new AssertionError("parent directory missing for " + action);
        }
    }
}
