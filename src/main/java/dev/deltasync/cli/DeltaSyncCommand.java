package dev.deltasync.cli;

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
                + "The engine subcommands work like rdiff, on single files.",
        subcommands = {SignatureCommand.class, DeltaCommand.class, PatchCommand.class, CommandLine.HelpCommand.class})
public final class DeltaSyncCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static CommandLine commandLine() {
        return new CommandLine(new DeltaSyncCommand())
                .setExecutionExceptionHandler(new FailureHandler());
    }

    /** Runs the command line and returns the exit code, without exiting. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }
}
