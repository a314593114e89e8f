package dev.deltasync.cli;

import dev.deltasync.config.ConfigSources;
import dev.deltasync.config.PropertyDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code deltasync} command line. Each role is a subcommand class listed in {@code subcommands};
 * add new ones there. Exit codes (CONTRACT.md): 0 ok, 1 failure, 2 usage error.
 */
@Command(name = "deltasync", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Two-way folder sync that moves only rsync deltas.%n"
                + "Run a server on one folder and clients on others; `demo` shows both at once.%n"
                + "status and conflicts inspect a shared folder; the engine subcommands work like rdiff.",
        subcommands = {ServerCommand.class, ClientCommand.class, DemoCommand.class, StatusCommand.class, ConflictsCommand.class,
            SignatureCommand.class, DeltaCommand.class, PatchCommand.class, CommandLine.HelpCommand.class})
public final class DeltaSyncCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static CommandLine commandLine() {
        return commandLine(new StandaloneLauncher());
    }

    /** The command line whose {@code server} and {@code client} run on the given launcher. */
    public static CommandLine commandLine(RoleLauncher launcher) {
        return commandLine(launcher, ConfigSources.standard());
    }

    /** The command line with its settings from the given sources (tests give their own file and environment). */
    public static CommandLine commandLine(RoleLauncher launcher, ConfigSources sources) {
        CommandLine cmd = new CommandLine(new DeltaSyncCommand(), new LauncherFactory(launcher))
                .setDefaultValueProvider(new PropertyDefaults(sources))
                .setExecutionExceptionHandler(new FailureHandler())
                .setParameterExceptionHandler(DeltaSyncCommand::usageError);
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cmd.setExecutionStrategy(parsed -> {
            if (CommandLine.printHelpIfRequested(parsed)) {
                return CommandLine.ExitCode.OK;
            }
            sources.unknownKey(settingNames(cmd)).ifPresent(problem -> {
                throw new CommandLine.ParameterException(parsed.subcommand() == null ? cmd
                        : parsed.subcommand().commandSpec().commandLine(), problem);
            });
            return run.execute(parsed);
        });
        return cmd;
    }

    /** The names a {@code deltasync.*} key may have, for settings that come from elsewhere than this command line. */
    public static java.util.Set<String> settingNames() {
        return settingNames(commandLine(new StandaloneLauncher(), ConfigSources.embeddedOnly()));
    }

    /** Every long option of the sync subcommands, without its dashes: the names a {@code deltasync.*} key may have. */
    private static java.util.Set<String> settingNames(CommandLine cmd) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String role : new String[] {"server", "client", "demo", "status", "conflicts"}) {
            CommandLine sub = cmd.getSubcommands().get(role);
            if (sub != null) {
                sub.getCommandSpec().options().forEach(o -> names.add(o.longestName().replaceFirst("^--", "")));
            }
        }
        return names;
    }

    /** A usage error is one line plus a pointer to --help, not the whole usage text; exit code 2. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        return CommandLine.ExitCode.USAGE;
    }

    /** Runs the command line and returns the exit code, without exiting. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }
}
