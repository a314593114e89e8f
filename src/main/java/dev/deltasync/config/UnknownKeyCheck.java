package dev.deltasync.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds a misspelled {@code deltasync.*} key in a properties file or a {@code DELTASYNC_*} environment variable,
 * which would otherwise be ignored without a word, and names the nearest known one.
 */
public final class UnknownKeyCheck {

    /** Keys that are not command-line options but are read by the routes, the watcher or the launchers. */
    public static final Set<String> EXTRA_KEYS = Set.of("once", "dry-run", "role", "batch-size", "batch-window-ms",
            "dir-event-limit", "watch-checker-ms", "local-round-trip-ms", "install-threads");
    /** Environment variables of the launchers themselves (the jar's, {@code bin/deltasync}'s), not settings. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of("DELTASYNC_CONFIG", "DELTASYNC_LOG", "DELTASYNC_JAR",
            "DELTASYNC_CDS", "DELTASYNC_CDS_ARCHIVE");

    private final Set<String> known;

    /** @param known the setting names without the {@code deltasync.} prefix ({@code quiet-ms}) */
    public UnknownKeyCheck(Collection<String> known) {
        this.known = new TreeSet<>(known);
        this.known.addAll(EXTRA_KEYS);
    }

    /** The first unknown key of the file, then of the environment, as one sentence; empty when all are known. */
    public Optional<String> problem(Properties file, Map<String, String> env) {
        Optional<String> inFile = unknownKey(file.stringPropertyNames(), "in the configuration file");
        if (inFile.isPresent()) {
            return inFile;
        }
        Set<String> knownVariables = new TreeSet<>(LAUNCHER_VARIABLES);
        known.forEach(name -> knownVariables.add(ConfigSources.envName(name)));
        for (String variable : new TreeSet<>(env.keySet())) {
            if (variable.startsWith("DELTASYNC_") && !knownVariables.contains(variable)) {
                String name = variable.substring("DELTASYNC_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
                return Optional.of("unknown setting in the environment: " + variable + "; did you mean "
                        + ConfigSources.envName(nearest(name)) + "?");
            }
        }
        return Optional.empty();
    }

    /**
     * The first of {@code keys} that is a {@code deltasync.*} key but no known setting, as one sentence saying
     * {@code where} it was set and naming the nearest known key; empty when all are known.
     */
    public Optional<String> unknownKey(Collection<String> keys, String where) {
        for (String key : new TreeSet<>(keys)) {
            if (key.startsWith(ConfigSources.PREFIX) && !known.contains(key.substring(ConfigSources.PREFIX.length()))) {
                String nearest = nearest(key.substring(ConfigSources.PREFIX.length()));
                return Optional.of("unknown setting '" + key + "' " + where + "; did you mean '"
                        + ConfigSources.PREFIX + nearest + "'?");
            }
        }
        return Optional.empty();
    }

    private String nearest(String name) {
        String normal = name.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
        return known.stream().min(Comparator.comparingInt((String k) -> editDistance(normal, k))
                .thenComparing(Comparator.naturalOrder())).orElse("dir");
    }

    /** Levenshtein distance (no library on the runtime classpath offers one; these strings are short). */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
