package dev.deltasync.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small gitignore-like matcher: one glob per line, {@code #} comments. A pattern without a
 * {@code /} matches any single name at any depth ({@code *.swp}); a pattern with one is anchored at
 * the folder ({@code build/out}, {@code /notes.txt}). A match on a directory ignores everything in
 * it. A trailing {@code /} is dropped, so {@code tmp/} also matches a file named tmp. Negation
 * ({@code !}) is not supported and is skipped with a warning.
 */
public final class GlobIgnoreMatcher implements IgnoreMatcher {

    public static final String IGNORE_FILE = ".deltasyncignore";

    /** Editor and office temp files, ignored in every folder. */
    public static final List<String> DEFAULT_PATTERNS = List.of("*.swp", "*~", ".#*", "*.tmp", ".~lock.*#", "4913");

    private static final Logger LOG = LoggerFactory.getLogger(GlobIgnoreMatcher.class);
    private static final FileSystem FS = FileSystems.getDefault();

    private final List<PathMatcher> anyName = new ArrayList<>();
    private final List<PathMatcher> anchored = new ArrayList<>();

    private GlobIgnoreMatcher(List<String> lines, String source) {
        for (int i = 0; i < lines.size(); i++) {
            addPattern(lines.get(i).strip(), source, i + 1);
        }
    }

    public static GlobIgnoreMatcher of(List<String> patterns) {
        return new GlobIgnoreMatcher(patterns, "patterns");
    }

    /** The default patterns plus those in {@code folder/.deltasyncignore} when it exists and is readable. */
    public static GlobIgnoreMatcher forFolder(Path folder) {
        List<String> lines = new ArrayList<>(DEFAULT_PATTERNS);
        Path file = folder.resolve(IGNORE_FILE);
        if (Files.isRegularFile(file)) {
            try {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.warn("Cannot read ignore file {}: {}; only the default patterns apply", file, e.toString());
            }
        }
        return new GlobIgnoreMatcher(lines, file.toString());
    }

    @Override
    public boolean ignores(String relPath) {
        String[] names = relPath.split("/");
        String prefix = "";
        for (String name : names) {
            prefix = prefix.isEmpty() ? name : prefix + "/" + name;
            if (matchesAny(anyName, name) || matchesAny(anchored, prefix)) {
                return true;
            }
        }
        return false;
    }

    private void addPattern(String pattern, String source, int line) {
        if (pattern.isEmpty() || pattern.startsWith("#")) {
            return;
        }
        if (pattern.startsWith("!")) {
            LOG.warn("{} line {}: negated pattern '{}' is not supported, skipped", source, line, pattern);
            return;
        }
        String glob = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
        boolean isAnchored = glob.contains("/");
        glob = glob.startsWith("/") ? glob.substring(1) : glob;
        try {
            (isAnchored ? anchored : anyName).add(FS.getPathMatcher("glob:" + glob));
        } catch (IllegalArgumentException e) {
            LOG.warn("{} line {}: invalid pattern '{}' skipped: {}", source, line, pattern, e.getMessage());
        }
    }

    private static boolean matchesAny(List<PathMatcher> matchers, String path) {
        if (matchers.isEmpty()) {
            return false;
        }
        Path p = Path.of(path);
        return matchers.stream().anyMatch(m -> m.matches(p));
    }
}
