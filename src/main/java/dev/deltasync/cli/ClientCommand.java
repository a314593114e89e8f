package dev.deltasync.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Keep a folder in sync with a deltasync server (the server chooses the mode).",
        customSynopsis = "deltasync client --dir=DIR [--host=HOST] [--port=PORT] [--once [--dry-run]] [OPTIONS]",
        footer = {"", "Examples:",
                "  java -jar deltasync.jar client --dir ./mine --host 10.0.0.5 \\",
                "      --secret-file ~/.deltasync-secret",
                "  java -jar deltasync.jar client --dir ./mine --once     # sync once, exit",
                "  java -jar deltasync.jar client --dir ./mine -n         # show the plan only",
                "",
                "Exit codes with --once: 0 in sync; 1 finished with per-file errors;",
                "2 bad usage; 3 cannot connect or authenticate.",
                "Inspect a folder: deltasync status --dir DIR, deltasync conflicts --dir DIR"})
public class ClientCommand implements Callable<Integer> {

    private final RoleLauncher launcher;

    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions shared;

    @Option(names = "--host", description = "Server to connect to. Default: ${DEFAULT-VALUE}")
    String host = "127.0.0.1";

    @Option(names = "--once", description = "Reconcile once, print the summary line and exit.")
    boolean once;

    @Option(names = {"-n", "--dry-run"}, description = "With or without --once: connect, reconcile, print the plan"
            + " (one line per action) and exit without changing anything on either side.")
    boolean dryRun;

    @Option(names = "--connect-timeout-ms", description = "With --once, give up connecting after this long. Default: ${DEFAULT-VALUE}")
    long connectTimeoutMs = 10000;

    @Option(names = "--reconnect-min-ms", description = "First reconnect delay (doubles, with jitter). Default: ${DEFAULT-VALUE}")
    long reconnectMinMs = 500;

    @Option(names = "--reconnect-max-ms", description = "Longest reconnect delay. Default: ${DEFAULT-VALUE}")
    long reconnectMaxMs = 30000;

    public ClientCommand() {
        this(new StandaloneLauncher());
    }

    ClientCommand(RoleLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        Map<String, String> props = shared.checkedProperties(spec.commandLine());
        if (host == null || host.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--host must name the server");
        }
        shared.prepareFolder(spec.commandLine());
        props.put("deltasync.host", host);
        props.put("deltasync.dry-run", Boolean.toString(dryRun));
        props.put("deltasync.connect-timeout-ms", Long.toString(connectTimeoutMs));
        props.put("deltasync.reconnect-min-ms", Long.toString(reconnectMinMs));
        props.put("deltasync.reconnect-max-ms", Long.toString(reconnectMaxMs));
        return launcher.client(props, once || dryRun);
    }
}
