package dev.deltasync.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import dev.deltasync.folder.FolderChange;

/**
 * Pairs each change a client's request applied to the server's folder with that client. The folder reports a
 * change on the thread that applied it, and the client's session then announces the paths it changed on that
 * same thread, so the changes a thread holds when its session announces are that client's.
 */
final class ChangeAttribution {

    private final ThreadLocal<List<FolderChange>> unclaimed = ThreadLocal.withInitial(ArrayList::new);
    private final BiConsumer<FolderChange, String> listener;

    ChangeAttribution(BiConsumer<FolderChange, String> listener) {
        this.listener = listener;
    }

    /** The folder applied {@code change} on this thread. */
    void applied(FolderChange change) {
        unclaimed.get().add(change);
    }

    /** The session of client {@code peer} announced {@code paths}, on the thread that changed them. */
    void announced(String peer, List<String> paths) {
        List<FolderChange> held = unclaimed.get();
        if (held.isEmpty()) {
            return;
        }
        List<FolderChange> changes = List.copyOf(held);
        held.clear();
        for (FolderChange change : changes) {
            // one whose announcement never came (its client went away before) is told without a peer
            listener.accept(change, paths.contains(change.path()) ? peer : "");
        }
    }
}
