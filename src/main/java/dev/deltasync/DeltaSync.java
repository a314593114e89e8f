package dev.deltasync;

import dev.deltasync.cli.DeltaSyncCommand;

/** Entry point of deltasync.jar. */
public final class DeltaSync {

    private DeltaSync() {
    }

    public static void main(String[] args) {
        System.exit(DeltaSyncCommand.run(args));
    }
}
