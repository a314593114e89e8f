package dev.deltasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.config.ConfigSources;
import picocli.CommandLine;

/** Each bad input of the issue gets one clear line and CONTRACT.md's exit code, and creates nothing. */
class CommandLineWordingTest {

    @TempDir
    Path tmp;
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(Properties file, Map<String, String> env, String... args) {
        CommandLine cmd = DeltaSyncCommand.commandLine(new StandaloneLauncher(), new ConfigSources(file, new Properties(), env));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(out, true));
        return cmd.execute(args);
    }

    private int run(String... args) {
        return run(new Properties(), Map.of(), args);
    }

    @Test
    void aMisspelledKeyInTheFileNamesTheKeyAndTheNearestOne() {
        Properties file = new Properties();
        file.setProperty("deltasync.modee", "1");
        Path dir = tmp.resolve("never-created");

        assertThat(run(file, Map.of(), "server", "--dir", dir.toString())).isEqualTo(2);

        assertThat(err.toString().lines().findFirst().orElseThrow())
                .isEqualTo("deltasync server: unknown setting 'deltasync.modee' in the configuration file;"
                        + " did you mean 'deltasync.mode'?");
        assertThat(dir).doesNotExist();
    }

    @Test
    void anUnderscoreInsteadOfADashIsCaughtToo() {
        Properties file = new Properties();
        file.setProperty("deltasync.quiet_ms", "500");
        assertThat(run(file, Map.of(), "client", "--dir", tmp.resolve("c").toString(), "--once")).isEqualTo(2);
        assertThat(err.toString()).contains("'deltasync.quiet_ms'", "did you mean 'deltasync.quiet-ms'?");
    }

    @Test
    void aMisspelledEnvironmentVariableIsAUsageError() {
        assertThat(run(new Properties(), Map.of("DELTASYNC_QUIETMS", "5", "DELTASYNC_LOG", "debug"),
                "client", "--dir", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("DELTASYNC_QUIETMS", "did you mean DELTASYNC_QUIET_MS?");
    }

    @Test
    void knownKeysPass() {
        Properties file = new Properties();
        file.setProperty("deltasync.quiet-ms", "500");
        file.setProperty("deltasync.batch-window-ms", "50");
        assertThat(run(file, Map.of("DELTASYNC_CONFIG", "x", "DELTASYNC_MAX_FRAME", "4194304"),
                "client", "--dir", tmp.toString(), "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--port must be a TCP port between 1 and 65535, not 0")
                .doesNotContain("unknown setting");
    }

    @Test
    void theLaunchersOwnVariablesAreNotSettings() {
        // bin/deltasync reads these; a shell that exports them must not make the jar refuse to start
        assertThat(run(new Properties(), Map.of("DELTASYNC_JAR", "/opt/deltasync.jar", "DELTASYNC_CDS", "off",
                "DELTASYNC_CDS_ARCHIVE", "/tmp/deltasync.jsa"), "client", "--dir", tmp.toString(), "--port", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--port must be a TCP port between 1 and 65535, not 0")
                .doesNotContain("unknown setting");
    }

    @Test
    void aRegularFileAsDirIsNamedAsSuch() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertThat(run("client", "--dir", file.toString(), "--once")).isEqualTo(2);
        assertThat(err.toString()).contains("--dir " + file + " is a file, not a folder");
    }

    @Test
    void aFolderUnderAFileCannotBeCreated() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertThat(run("server", "--dir", file.resolve("sub").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot create the folder " + file.resolve("sub") + ": " + file + " is a file");
    }

    @Test
    void aFolderOnAFileSystemThatRefusesIsAUsageError() {
        // sysfs refuses every mkdir, even root's
        assertThat(run("client", "--dir", "/sys/kernel", "--once")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot use /sys/kernel as a shared folder")
                .contains("choose a folder on a normal, writable file system");
    }

    @Test
    void invalidPortOrModeCreatesNothing() {
        Path dir = tmp.resolve("not-yet");
        assertThat(run("server", "--dir", dir.toString(), "--port", "70000")).isEqualTo(2);
        assertThat(run("server", "--dir", dir.toString(), "--mode", "9")).isEqualTo(2);
        assertThat(run("client", "--dir", dir.toString(), "--port", "x")).isEqualTo(2);
        assertThat(dir).doesNotExist();
    }

    @Test
    void helpShowsDirAsRequiredWithoutANullDefaultAndExamplesFitTheScreen() {
        for (String role : new String[] {"server", "client", "status", "conflicts"}) {
            out.getBuffer().setLength(0);
            assertThat(run(role, "--help")).isZero();
            String help = out.toString();
            assertThat(help).contains("--dir=DIR").contains("required").doesNotContain("Default: null");
            assertThat(help.lines().filter(l -> l.contains("java -jar"))).allSatisfy(l -> assertThat(l.length()).isLessThan(80));
        }
    }

    @Test
    void helpListsEveryCommandOfTheContract() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("server", "client", "demo", "status", "conflicts", "signature", "delta", "patch");
        out.getBuffer().setLength(0);
        run("client", "--help");
        assertThat(out.toString()).contains("-n, --dry-run", "--once");
        out.getBuffer().setLength(0);
        run("conflicts", "--help");
        assertThat(out.toString()).contains("--resolve=keep-mine|keep-theirs", "--json");
    }

    @Test
    void statusOfAMissingFolderCreatesNothing() {
        Path dir = tmp.resolve("missing");
        assertThat(run("status", "--dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--dir " + dir + " does not exist");
        assertThat(dir).doesNotExist();
    }

    @Test
    void resolvingSomethingThatIsNoConflictSaysSo() {
        assertThat(run("conflicts", "--dir", tmp.toString(), "--resolve", "keep-mine", "nope.txt")).isEqualTo(2);
        assertThat(err.toString()).contains("no conflict copy nope.txt");
        assertThat(run("conflicts", "--dir", tmp.toString(), "--resolve", "keep-yours", "nope.txt")).isEqualTo(2);
        assertThat(err.toString()).contains("--resolve must be keep-mine or keep-theirs, not 'keep-yours'");
    }
}
