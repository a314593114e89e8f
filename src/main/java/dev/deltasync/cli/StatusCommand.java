package dev.deltasync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.deltasync.inspect.FolderStatus;
import dev.deltasync.inspect.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        customSynopsis = "deltasync status --dir=DIR [--json]",
        description = "Show what deltasync knows about a shared folder: last sync (time, result, server, mode),"
                + " files, local changes not yet synced, conflict copies, trash size, and whether a server or client"
                + " runs on it now; if one does, also whether it is connected, its clients and last activity, and"
                + " the transfers in progress (file, phase, %). Reads the folder only; works with or without a"
                + " running process.",
        footer = {"", "Examples:",
                "  java -jar deltasync.jar status --dir ./mine",
                "  java -jar deltasync.jar status --dir ./mine --json | jq .last_result"})
final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "The shared folder (required).")
    private Path dir;

    @Option(names = "--json", description = "Print one JSON object for scripts.")
    private boolean json;

    @Override
    public Integer call() {
        Path root = UsageChecks.existingFolder(spec.commandLine(), dir);
        Map<String, Object> facts;
        try {
            facts = FolderStatus.of(root);
        } catch (IOException e) {
            throw CommandFailure.of("cannot read the status of " + root, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.of(facts));
        } else {
            facts.forEach((key, value) -> print(out, key, value));
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, String key, Object value) {
        String label = String.format("%-24s", key.replace('_', ' ') + ":");
        if (value instanceof Collection<?> list) {
            out.println(label + list.size());
            list.forEach(item -> out.println("    " + item));
        } else if (!String.valueOf(value).isEmpty()) {
            out.println(label + value);
        }
    }
}
