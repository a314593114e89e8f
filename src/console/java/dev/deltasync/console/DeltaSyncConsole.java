package dev.deltasync.console;

import java.util.ArrayList;
import java.util.List;

import dev.deltasync.cli.DeltaSyncCommand;

/**
 * Entry point of deltasync-console.jar: the same subcommands and options as deltasync.jar, with
 * {@code server} and {@code client} running under Spring Boot (Hawtio, actuator health, Jolokia).
 * Spring Boot's own settings are passed as {@code --name.with.dots=value} (e.g. {@code --server.port=8080}):
 * deltasync's options never contain a dot, so the two sets cannot clash.
 */
public final class DeltaSyncConsole {

    private DeltaSyncConsole() {
    }

    public static void main(String[] args) {
        List<String> ours = new ArrayList<>();
        List<String> spring = new ArrayList<>();
        for (String arg : args) {
            (isSpringSetting(arg) ? spring : ours).add(arg);
        }
        int exit = DeltaSyncCommand.commandLine(new ConsoleLauncher(spring.toArray(String[]::new)))
                .execute(ours.toArray(String[]::new));
        System.exit(exit);
    }

    static boolean isSpringSetting(String arg) {
        if (!arg.startsWith("--")) {
            return false;
        }
        int end = arg.indexOf('=');
        String name = end < 0 ? arg.substring(2) : arg.substring(2, end);
        return name.contains(".");
    }
}
