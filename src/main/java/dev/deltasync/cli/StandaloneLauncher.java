package dev.deltasync.cli;

import java.util.Map;

import dev.deltasync.camel.DeltaSyncRunner;

/** Runs the roles on camel-main (deltasync.jar). */
public final class StandaloneLauncher implements RoleLauncher {

    @Override
    public int server(Map<String, String> props) {
        return DeltaSyncRunner.server(props).runUntilStopped();
    }

    @Override
    public int client(Map<String, String> props, boolean once) {
        DeltaSyncRunner runner = DeltaSyncRunner.client(props);
        return once ? runner.runOnce() : runner.runUntilStopped();
    }
}
