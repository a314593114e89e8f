package dev.deltasync.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which paths are never synced: the metadata directory {@code .deltasync/}, editor temp files by default, and the
 * gitignore-like patterns of {@code DIR/.deltasyncignore} (one per line, {@code #} comments, {@code !} re-includes,
 * a trailing {@code /} matches directories only, a pattern with a {@code /} is anchored at the folder's root).
 * As in git, nothing under an ignored directory can be re-included.
 */
public final class IgnoreRules {

    public static final String FILE_NAME = ".deltasyncignore";
    public static final List<String> DEFAULTS = List.of("*.swp", "*~", ".#*", "*.tmp", ".~lock.*#", "4913");

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The defaults plus {@code DIR/.deltasyncignore} when it exists. */
    public static IgnoreRules load(Path root) throws IOException {
        Path file = root.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return of(List.of());
        }
        return of(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The defaults plus the given pattern lines. */
    public static IgnoreRules of(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String line : DEFAULTS) {
            rules.add(Rule.parse(line));
        }
        for (String line : lines) {
            Rule rule = Rule.parse(line);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new IgnoreRules(rules);
    }

    public boolean ignored(String relPath, boolean isDir) {
        String[] names = relPath.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (MetadataDir.isName(names[i])) {
                return true;
            }
            prefix.append(i == 0 ? "" : "/").append(names[i]);
            boolean last = i == names.length - 1;
            if (matches(prefix.toString(), names[i], !last || isDir)) {
                return true;
            }
        }
        return false;
    }

    /** The entries of {@code entries} that are not ignored, for filtering a peer's manifest or the state. */
    public Map<String, FileEntry> filter(Map<String, FileEntry> entries) {
        Map<String, FileEntry> kept = new TreeMap<>();
        entries.forEach((path, entry) -> {
            if (!ignored(path, entry.isDir())) {
                kept.put(path, entry);
            }
        });
        return kept;
    }

    private boolean matches(String path, String name, boolean isDir) {
        boolean ignored = false;
        for (Rule rule : rules) {
            if (rule.matches(path, name, isDir)) {
                ignored = !rule.negated;
            }
        }
        return ignored;
    }

    private record Rule(Pattern pattern, boolean negated, boolean dirOnly, boolean anchored) {

        static Rule parse(String line) {
            String text = line.stripTrailing();
            if (text.isEmpty() || text.startsWith("#")) {
                return null;
            }
            boolean negated = text.startsWith("!");
            if (negated || text.startsWith("\\#") || text.startsWith("\\!")) {
                text = text.substring(1);
            }
            boolean dirOnly = text.endsWith("/");
            if (dirOnly) {
                text = text.substring(0, text.length() - 1);
            }
            boolean anchored = text.contains("/");
            if (text.startsWith("/")) {
                text = text.substring(1);
            }
            return text.isEmpty() ? null : new Rule(GlobPattern.compile(text), negated, dirOnly, anchored);
        }

        boolean matches(String path, String name, boolean isDir) {
            if (dirOnly && !isDir) {
                return false;
            }
            return pattern.matcher(anchored ? path : name).matches();
        }
    }
}
