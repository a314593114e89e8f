package dev.deltasync.cli;

import picocli.CommandLine;

/** Creates the role subcommands with the launcher that runs them; everything else the picocli way. */
final class LauncherFactory implements CommandLine.IFactory {

    private final RoleLauncher launcher;

    LauncherFactory(RoleLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == ServerCommand.class) {
            return type.cast(new ServerCommand(launcher));
        }
        if (type == ClientCommand.class) {
            return type.cast(new ClientCommand(launcher));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
