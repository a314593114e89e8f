package dev.deltasync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.deltasync.inspect.ConflictCopies;
import dev.deltasync.inspect.ConflictResolver;
import dev.deltasync.inspect.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "conflicts", mixinStandardHelpOptions = true,
        customSynopsis = {"deltasync conflicts --dir=DIR [--json]",
            "deltasync conflicts --dir=DIR --resolve=keep-mine|keep-theirs PATH"},
        description = "List the conflict copies in a shared folder (copy, winning file, whose version the copy holds,"
                + " when), or resolve one: keep one version under the real name, the other goes to"
                + " DIR/.deltasync/trash/. 'Mine' is this folder's side (a client's folder: the client's version).",
        footer = {"", "Examples:",
                "  java -jar deltasync.jar conflicts --dir ./mine",
                "  java -jar deltasync.jar conflicts --dir ./mine --resolve keep-theirs a.txt"})
final class ConflictsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "The shared folder (required).")
    private Path dir;

    @Option(names = "--json", description = "Print one JSON array for scripts.")
    private boolean json;

    @Option(names = "--resolve", paramLabel = "keep-mine|keep-theirs",
            description = "Resolve the conflict of PATH (the copy, or the file when it has one copy).")
    private String resolve;

    @Parameters(arity = "0..1", paramLabel = "PATH", description = "With --resolve: the conflict copy or its file.")
    private String path;

    @Override
    public Integer call() {
        Path root = UsageChecks.existingFolder(spec.commandLine(), dir);
        PrintWriter out = spec.commandLine().getOut();
        if (resolve != null) {
            return resolve(root, out);
        }
        if (path != null) {
            throw new ParameterException(spec.commandLine(), "a PATH is only given with --resolve keep-mine|keep-theirs");
        }
        List<ConflictCopies.Copy> copies;
        try {
            copies = ConflictCopies.in(root);
        } catch (IOException e) {
            throw CommandFailure.of("cannot list the conflict copies in " + root, e);
        }
        if (json) {
            out.println(Json.of(copies.stream().map(ConflictsCommand::asMap).toList()));
        } else if (copies.isEmpty()) {
            out.println("no conflict copies in " + root);
        } else {
            for (ConflictCopies.Copy c : copies) {
                out.println(c.copy() + "  (the " + c.side().label() + "'s version of " + c.winner()
                        + (c.winnerExists() ? "" : ", which is gone") + ", " + c.time().toString().replace('T', ' ')
                        + ", " + c.size() + " B)");
            }
            out.println(copies.size() + " conflict cop" + (copies.size() == 1 ? "y" : "ies")
                    + "; resolve one with: deltasync conflicts --dir " + root + " --resolve keep-mine|keep-theirs PATH");
        }
        out.flush();
        return 0;
    }

    private int resolve(Path root, PrintWriter out) {
        if (!resolve.equals("keep-mine") && !resolve.equals("keep-theirs")) {
            throw new ParameterException(spec.commandLine(), "--resolve must be keep-mine or keep-theirs, not '" + resolve + "'");
        }
        if (path == null) {
            throw new ParameterException(spec.commandLine(), "--resolve needs the PATH of the conflict copy or of its file");
        }
        try {
            out.println(new ConflictResolver(root).resolve(path, resolve.equals("keep-mine")));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw CommandFailure.of("cannot resolve the conflict of " + path, e);
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> asMap(ConflictCopies.Copy c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("copy", c.copy());
        m.put("winner", c.winner());
        m.put("winner_exists", c.winnerExists());
        m.put("side", c.side().label());
        m.put("time", c.time().toString());
        m.put("size", c.size());
        return m;
    }
}
