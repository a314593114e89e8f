package dev.deltasync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** CONTRACT.md's order: command line (picocli) > environment > properties file > embedded defaults. */
class ConfigSourcesTest {

    private static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void environmentBeatsFileWhichBeatsEmbeddedDefaults() {
        ConfigSources sources = new ConfigSources(
                props("deltasync.quiet-ms", "700", "deltasync.port", "8080"),
                props("deltasync.quiet-ms", "1000", "deltasync.port", "7070", "deltasync.mode", "0"),
                Map.of("DELTASYNC_QUIET_MS", "250"));

        assertThat(sources.lookup("quiet-ms")).contains("250");
        assertThat(sources.lookup("port")).contains("8080");
        assertThat(sources.lookup("mode")).contains("0");
        assertThat(sources.lookup("nonexistent")).isEmpty();
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertThat(ConfigSources.envName("max-delete-share")).isEqualTo("DELTASYNC_MAX_DELETE_SHARE");
        assertThat(ConfigSources.envName("tls.keystore")).isEqualTo("DELTASYNC_TLS_KEYSTORE");
    }

    @Test
    void theCommandLineBeatsEverything() {
        ConfigSources sources = new ConfigSources(props(), props("deltasync.port", "7070"),
                Map.of("DELTASYNC_PORT", "9000"));
        ClientProbe fromEnv = new ClientProbe();
        new picocli.CommandLine(fromEnv).setDefaultValueProvider(new PropertyDefaults(sources)).parseArgs();
        assertThat(fromEnv.port).isEqualTo(9000);
        ClientProbe fromCli = new ClientProbe();
        new picocli.CommandLine(fromCli).setDefaultValueProvider(new PropertyDefaults(sources)).parseArgs("--port", "1234");
        assertThat(fromCli.port).isEqualTo(1234);
    }

    static class ClientProbe {
        @picocli.CommandLine.Option(names = "--port")
        int port = 1;
    }
}
