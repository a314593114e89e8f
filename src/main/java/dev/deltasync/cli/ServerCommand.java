package dev.deltasync.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Share a folder with any number of clients and keep it in sync with them.",
        customSynopsis = "deltasync server --dir=DIR [--port=PORT] [--bind=ADDR] [--mode=0..3] [OPTIONS]",
        footer = {"", "Examples:",
                "  java -jar deltasync.jar server --dir ./shared",
                "  java -jar deltasync.jar server --dir /srv/shared --bind 0.0.0.0 \\",
                "      --secret-file ~/.deltasync-secret --mode 1",
                "", "Modes: 0 union, client wins conflicts; 1 union, server wins;",
                "       2 client mirrors to server; 3 server mirrors to client.",
                "", "Inspect a folder: deltasync status --dir DIR, deltasync conflicts --dir DIR"})
public class ServerCommand implements Callable<Integer> {

    private final RoleLauncher launcher;

    @Spec
    CommandSpec spec;

    @Mixin
    SharedOptions shared;

    @Option(names = "--bind", description = "Address to listen on. Default: ${DEFAULT-VALUE}")
    String bind = "127.0.0.1";

    @Option(names = "--mode", paramLabel = "0..3", description = "Sync mode 0..3 (see below). Default: ${DEFAULT-VALUE}")
    int mode;

    public ServerCommand() {
        this(new StandaloneLauncher());
    }

    ServerCommand(RoleLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        UsageChecks.mode(spec.commandLine(), mode);
        Map<String, String> props = shared.checkedProperties(spec.commandLine());
        UsageChecks.bindable(spec.commandLine(), bind, shared.port, props.get("deltasync.secret"));
        shared.prepareFolder(spec.commandLine());
        props.put("deltasync.bind", bind);
        props.put("deltasync.mode", Integer.toString(mode));
        return launcher.server(props);
    }
}
