package dev.deltasync.camel;

import java.util.ArrayList;
import java.util.List;

import dev.deltasync.folder.FolderChange;

/**
 * Pairs each change a client's request applied to the server's folder with that client. The folder reports a
 * change on the thread that applied it, and the client's session then announces the paths it changed on that
 * same thread, so the changes a thread holds when its session announces are that client's.
 */
final class ChangeAttribution {

    /** A change with the client that caused it: its folder id and how a log names it ("" for both when not known). */
    record Attributed(FolderChange change, String peer, String client) {
    }

    /** Told the changes of one request of one client, together, in the order they were applied. */
    @FunctionalInterface
    interface Listener {
        void applied(List<Attributed> changes);
    }

    private final ThreadLocal<List<FolderChange>> unclaimed = ThreadLocal.withInitial(ArrayList::new);
    private final Listener listener;

    ChangeAttribution(Listener listener) {
        this.listener = listener;
    }

    /** The folder applied {@code change} on this thread. */
    void applied(FolderChange change) {
        unclaimed.get().add(change);
    }

    /**
     * The session of client {@code peer} announced {@code paths}, on the thread that changed them.
     *
     * @param client the client as a log names it, e.g. "client 3f2a… at 10.0.0.7:51234"
     */
    void announced(String peer, String client, List<String> paths) {
        List<FolderChange> held = unclaimed.get();
        if (held.isEmpty()) {
            return;
        }
        List<FolderChange> changes = List.copyOf(held);
        held.clear();
        List<Attributed> attributed = new ArrayList<>(changes.size());
        for (FolderChange change : changes) {
            // one whose announcement never came (its client went away before) is told without a peer
            boolean theirs = paths.contains(change.path());
            attributed.add(new Attributed(change, theirs ? peer : "", theirs ? client : ""));
        }
        listener.applied(attributed);
    }
}
