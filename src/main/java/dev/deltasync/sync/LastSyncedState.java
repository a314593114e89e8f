package dev.deltasync.sync;

/**
 * The last-synced state kept for one peer, and what each successfully executed {@link Action} means for it: after
 * every folder action both sides agree on that path, so the state records (or forgets) it right away. A sync cut
 * short therefore leaves a state that is merely older, which the reconciler handles as a change on both sides.
 */
public interface LastSyncedState {

    void record(FileEntry agreed);

    void forget(String path);

    /** Updates the state after {@code action} has been executed successfully on its side. */
    default void apply(Action action) {
        if (action instanceof Action.Copy copy) {
            record(copy.source());
        } else if (action instanceof Action.Mkdir mkdir) {
            record(mkdir.dir());
        } else if (action instanceof Action.Delete delete) {
            forget(delete.path());
        } else if (action instanceof Action.Rename rename) {
            forget(rename.from());
            record(rename.target());
        } else if (action instanceof Action.Record recordAction) {
            record(recordAction.agreed());
        } else if (action instanceof Action.Forget forgetAction) {
            forget(forgetAction.path());
        }
        // KeepAsConflict: the copies that follow record both names.
    }
}
