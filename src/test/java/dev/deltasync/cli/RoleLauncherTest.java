package dev.deltasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The server and client subcommands hand their resolved settings to whichever launcher runs them. */
class RoleLauncherTest {

    @TempDir
    Path dir;

    private final Recorder launcher = new Recorder();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = DeltaSyncCommand.commandLine(launcher);
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void serverRunsOnTheGivenLauncherWithItsOptionsAsProperties() {
        int exit = run("server", "--dir", dir.toString(), "--port", "7171", "--mode", "2", "--management-port", "9191");

        assertThat(exit).isEqualTo(42);
        assertThat(launcher.role).isEqualTo("server");
        assertThat(launcher.props).containsEntry("deltasync.dir", dir.toAbsolutePath().normalize().toString())
                .containsEntry("deltasync.port", "7171")
                .containsEntry("deltasync.mode", "2")
                .containsEntry("deltasync.management-port", "9191")
                .containsEntry("deltasync.management-bind", "127.0.0.1");
    }

    @Test
    void clientOnceReachesTheLauncher() {
        int exit = run("client", "--dir", dir.toString(), "--host", "127.0.0.2", "--once");

        assertThat(exit).isEqualTo(42);
        assertThat(launcher.role).isEqualTo("client-once");
        assertThat(launcher.props).containsEntry("deltasync.host", "127.0.0.2")
                .containsEntry("deltasync.management-port", "0");
    }

    @Test
    void badUsageNeverReachesTheLauncher() {
        int exit = run("server", "--dir", dir.toString(), "--mode", "7");

        assertThat(exit).isEqualTo(2);
        assertThat(launcher.role).isNull();
        assertThat(err.toString()).contains("mode");
    }

    @Test
    void aManagementPortOutOfRangeIsAUsageError() {
        int exit = run("client", "--dir", dir.toString(), "--management-port", "70000");

        assertThat(exit).isEqualTo(2);
        assertThat(launcher.role).isNull();
        assertThat(err.toString()).contains("--management-port must be between 0 (off) and 65535, not 70000");
    }

    private static final class Recorder implements RoleLauncher {
        String role;
        Map<String, String> props;

        @Override
        public int server(Map<String, String> settings) {
            role = "server";
            props = settings;
            return 42;
        }

        @Override
        public int client(Map<String, String> settings, boolean once) {
            role = once ? "client-once" : "client";
            props = settings;
            return 42;
        }
    }
}
