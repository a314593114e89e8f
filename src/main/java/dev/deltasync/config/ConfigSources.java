package dev.deltasync.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a {@code deltasync.*} setting comes from, in CONTRACT.md's order:
 * command line (handled by picocli) &gt; environment ({@code DELTASYNC_QUIET_MS}) &gt;
 * properties file &gt; built-in default ({@code dev/deltasync/application.properties}, embedded in the jar).
 * The file is {@code ./application.properties} when present, or the one named by {@code DELTASYNC_CONFIG}.
 */
public final class ConfigSources {

    public static final String PREFIX = "deltasync.";
    /** The built-in defaults' resource: a name of deltasync's own, so it never shadows a host's application.properties. */
    public static final String EMBEDDED_DEFAULTS = "dev/deltasync/application.properties";

    private final Properties file;
    private final Properties embedded;
    private final Map<String, String> env;

    public ConfigSources(Properties file, Properties embedded, Map<String, String> env) {
        this.file = file;
        this.embedded = embedded;
        this.env = env;
    }

    public static ConfigSources standard() {
        Map<String, String> env = System.getenv();
        Path path = Path.of(env.getOrDefault("DELTASYNC_CONFIG", "application.properties"));
        return new ConfigSources(readFile(path), readEmbedded(), env);
    }

    /** The value of {@code deltasync.<name>} from environment, file or embedded defaults, in that order. */
    public Optional<String> lookup(String name) {
        String key = PREFIX + name;
        String fromEnv = env.get(envName(name));
        if (fromEnv != null) {
            return Optional.of(fromEnv);
        }
        if (file.containsKey(key)) {
            return Optional.of(file.getProperty(key).trim());
        }
        return Optional.ofNullable(embedded.getProperty(key)).map(String::trim);
    }

    /** Only the jar's embedded defaults: for an application that has its settings from elsewhere (Spring Boot). */
    public static ConfigSources embeddedOnly() {
        return new ConfigSources(new Properties(), readEmbedded(), Map.of());
    }

    /** The first unknown {@code deltasync.*} key of the file or {@code DELTASYNC_*} variable, in words. */
    public Optional<String> unknownKey(java.util.Collection<String> knownNames) {
        return keyCheck(knownNames).problem(file, env);
    }

    /** A check that knows {@code knownNames} and the keys of the embedded defaults. */
    public UnknownKeyCheck keyCheck(java.util.Collection<String> knownNames) {
        java.util.Set<String> names = new java.util.HashSet<>(knownNames);
        embedded.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .forEach(k -> names.add(k.substring(PREFIX.length())));
        return new UnknownKeyCheck(names);
    }

    /** Camel's own settings ({@code camel.*}) from the file, passed on to camel-main untouched. */
    public Properties camelSettings() {
        Properties camel = new Properties();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith("camel.")) {
                camel.setProperty(key, file.getProperty(key));
            }
        }
        return camel;
    }

    static String envName(String name) {
        return "DELTASYNC_" + name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    private static Properties readFile(Path path) {
        Properties props = new Properties();
        if (Files.isRegularFile(path)) {
            try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read configuration file " + path + ": " + e.getMessage());
            }
        }
        return props;
    }

    private static Properties readEmbedded() {
        Properties props = new Properties();
        try (InputStream in = ConfigSources.class.getResourceAsStream("/" + EMBEDDED_DEFAULTS)) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("embedded " + EMBEDDED_DEFAULTS + " unreadable", e);
        }
        return props;
    }
}
