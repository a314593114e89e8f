package dev.deltasync.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.deltasync.camel.DeltaSyncRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a server and a client on two local folders so you can watch files sync.",
        footer = {"", "Example:", "  java -jar deltasync.jar demo",
                "  then drop files into sync-demo/client or sync-demo/server and watch them appear in the other."})
public class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--root", description = "Folder holding server/ and client/. Default: ${DEFAULT-VALUE}",
            defaultValue = "sync-demo")
    Path root;

    @Option(names = "--port", description = "Port of the demo server. Default: ${DEFAULT-VALUE}", defaultValue = "7070")
    int port;

    @Option(names = "--mode", description = "Sync mode 0..3. Default: ${DEFAULT-VALUE}", defaultValue = "0")
    int mode;

    @Option(names = "--quiet-ms", description = "Quiet period before a change is synced. Default: ${DEFAULT-VALUE}",
            defaultValue = "500")
    long quietMs;

    @Override
    public Integer call() throws Exception {
        UsageChecks.mode(spec.commandLine(), mode);
        UsageChecks.port(spec.commandLine(), port);
        Path serverDir = UsageChecks.folderArgument(spec.commandLine(), root.resolve("server"));
        Path clientDir = UsageChecks.folderArgument(spec.commandLine(), root.resolve("client"));
        UsageChecks.bindable(spec.commandLine(), "127.0.0.1", port, "");
        UsageChecks.prepareFolder(spec.commandLine(), serverDir);
        UsageChecks.prepareFolder(spec.commandLine(), clientDir);
        seed(serverDir.resolve("hello-from-server.txt"), "This file started in sync-demo/server.\n");
        seed(clientDir.resolve("hello-from-client.txt"), "This file started in sync-demo/client.\n");

        Map<String, String> common = Map.of("deltasync.port", Integer.toString(port),
                "deltasync.quiet-ms", Long.toString(quietMs), "deltasync.secret", "");
        Map<String, String> server = new java.util.HashMap<>(common);
        server.put("deltasync.dir", serverDir.toString());
        server.put("deltasync.mode", Integer.toString(mode));
        server.put("deltasync.bind", "127.0.0.1");
        Map<String, String> client = new java.util.HashMap<>(common);
        client.put("deltasync.dir", clientDir.toString());
        client.put("deltasync.host", "127.0.0.1");

        // the server runs without a shutdown hook of its own and stops after the client: on Ctrl-C the client
        // leaves first, instead of seeing its server vanish and warning that it lost the connection
        DeltaSyncRunner serverRole = DeltaSyncRunner.embedded(false, server);
        serverRole.start();
        System.out.println("deltasync demo: " + serverDir + " <-> " + clientDir + " (mode " + mode + ")");
        System.out.println("Drop or edit files in either folder and watch them appear in the other. Ctrl-C stops.");
        try {
            return DeltaSyncRunner.client(client).runUntilStopped();
        } finally {
            serverRole.close();
        }
    }

    private static void seed(Path file, String text) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }
}
