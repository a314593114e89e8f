package dev.deltasync.camel;

import dev.deltasync.sync.AppliedChanges;
import dev.deltasync.watch.ChangeBatch;

/** Whether a batch from the watcher holds anything but the echoes of our own writes. */
final class EchoFilter {

    private EchoFilter() {
    }

    static boolean genuine(ChangeBatch batch, AppliedChanges applied) {
        return batch.fullRescan() || !applied.genuine(batch.changedPaths()).isEmpty()
                || !applied.genuine(batch.rescanDirs()).isEmpty();
    }
}
