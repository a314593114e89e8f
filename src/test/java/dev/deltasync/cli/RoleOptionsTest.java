package dev.deltasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The server and client command lines: help, and one clear line with exit code 2 for every bad option. */
class RoleOptionsTest {

    @TempDir
    Path tmp;
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = DeltaSyncCommand.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(out, true));
        return cmd.execute(args);
    }

    @Test
    void eachRoleHasHelpWithDefaultsAndAnExample() {
        for (String role : new String[] {"server", "client", "demo"}) {
            assertThat(run(role, "--help")).isZero();
        }
        assertThat(out.toString()).contains("--mode", "Default: 7070", "--once", "Example");
    }

    @Test
    void aModeOutsideZeroToThreeIsAUsageError() {
        assertThat(run("server", "--dir", tmp.toString(), "--mode", "7")).isEqualTo(2);
        assertThat(err.toString()).contains("--mode must be 0, 1, 2 or 3, not 7").doesNotContain("Exception");
    }

    @Test
    void aNegativeSignatureCacheIsAUsageError() {
        assertThat(run("server", "--dir", tmp.toString(), "--signature-cache-mb", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--signature-cache-mb must be 0 or more, not -1");
    }

    @Test
    void anUnknownOptionIsAUsageErrorOnOneLinePlusAHint() {
        assertThat(run("client", "--dir", tmp.toString(), "--bogus")).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'", "--help");
    }

    @Test
    void aFolderThatIsAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        assertThat(run("client", "--dir", file.toString(), "--once")).isEqualTo(2);
        assertThat(err.toString()).contains("not-a-folder");
    }

    @Test
    void aPortInUseIsAUsageError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(run("server", "--dir", tmp.toString(), "--port", Integer.toString(port))).isEqualTo(2);
            assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + port);
        }
    }

    @Test
    void aNonLoopbackAddressNeedsASecret() {
        assertThat(run("server", "--dir", tmp.toString(), "--bind", "0.0.0.0")).isEqualTo(2);
        assertThat(err.toString()).contains("without a secret");
    }
}
