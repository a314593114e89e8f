package dev.deltasync.cli;

import java.util.Map;

/**
 * Runs a role with its resolved {@code deltasync.*} properties and returns the exit code. The standalone
 * jar runs it on camel-main; the console build (Spring Boot + Hawtio) passes its own launcher to
 * {@link DeltaSyncCommand#commandLine(RoleLauncher)}, so both take exactly the same options.
 */
public interface RoleLauncher {

    int server(Map<String, String> props);

    int client(Map<String, String> props, boolean once);
}
