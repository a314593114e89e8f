package dev.deltasync.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failed command's reason as one line on stderr (no stack trace) and exits with 1. */
final class FailureHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof CommandFailure) {
            command.getErr().println(name + ": " + e.getMessage());
        } else if (e instanceof IllegalArgumentException) {
            command.getErr().println(name + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } else if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
            command.getErr().println(name + ": " + e.getMessage());
        } else {
            command.getErr().println(name + ": internal error: " + e);
            e.printStackTrace(command.getErr());
        }
        return CommandLine.ExitCode.SOFTWARE;
    }
}
