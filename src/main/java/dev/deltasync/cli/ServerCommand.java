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

    @Option(names = "--handshake-timeout-ms", description = "A connection that has not authenticated this long after "
            + "it was accepted is closed. Default: ${DEFAULT-VALUE}")
    long handshakeTimeoutMs = 10_000;

    @Option(names = "--max-unauthenticated", description = "Connections that may wait for authentication at once; "
            + "more are told to come back later and closed. Default: ${DEFAULT-VALUE}")
    int maxUnauthenticated = 512;

    @Option(names = "--max-unauthenticated-per-address", description = "Of them, from one address, once half of "
            + "them are taken (until then one address may use the free half). Default: ${DEFAULT-VALUE}")
    int maxUnauthenticatedPerAddress = 32;

    @Option(names = "--max-spool-mb", description = "MiB that incoming transfers of all clients may hold in "
            + ".deltasync/tmp at once. Default: ${DEFAULT-VALUE}")
    long maxSpoolMb = 32768;

    @Option(names = "--max-spool-mb-per-client", description = "Of them, for one client. Default: ${DEFAULT-VALUE}")
    long maxSpoolMbPerClient = 16384;

    @Option(names = "--signature-cache-mb", description = "MiB of signatures of big files' versions kept in "
            + ".deltasync/signatures, so that a client's download of an edited big file takes one round; 0: none. "
            + "Default: ${DEFAULT-VALUE}")
    long signatureCacheMb = 256;

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
        UsageChecks.positive(spec.commandLine(), "--handshake-timeout-ms", handshakeTimeoutMs);
        UsageChecks.positive(spec.commandLine(), "--max-unauthenticated", maxUnauthenticated);
        UsageChecks.positive(spec.commandLine(), "--max-unauthenticated-per-address", maxUnauthenticatedPerAddress);
        UsageChecks.positive(spec.commandLine(), "--max-spool-mb", maxSpoolMb);
        UsageChecks.positive(spec.commandLine(), "--max-spool-mb-per-client", maxSpoolMbPerClient);
        props.put("deltasync.handshake-timeout-ms", Long.toString(handshakeTimeoutMs));
        props.put("deltasync.max-unauthenticated", Integer.toString(maxUnauthenticated));
        props.put("deltasync.max-unauthenticated-per-address", Integer.toString(maxUnauthenticatedPerAddress));
        props.put("deltasync.max-spool-mb", Long.toString(maxSpoolMb));
        props.put("deltasync.max-spool-mb-per-client", Long.toString(maxSpoolMbPerClient));
        UsageChecks.notNegative(spec.commandLine(), "--signature-cache-mb", signatureCacheMb);
        props.put("deltasync.signature-cache-mb", Long.toString(signatureCacheMb));
        return launcher.server(props);
    }
}
