package dev.deltasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DeltaSyncCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path basis;
    private Path changed;

    @BeforeEach
    void files() throws IOException {
        byte[] content = new byte[2_000_000];
        new Random(1).nextBytes(content);
        basis = Files.write(dir.resolve("old.bin"), content);
        content[500_000] ^= 1;
        changed = Files.write(dir.resolve("new.bin"), content);
    }

    private int run(String... args) {
        CommandLine commandLine = DeltaSyncCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void signatureDeltaPatchRebuildsTheNewFile() throws IOException {
        assertThat(run("signature", basis.toString(), path("old.sig"))).isZero();
        assertThat(run("delta", path("old.sig"), changed.toString(), path("new.delta"), "--stats")).isZero();
        assertThat(run("patch", basis.toString(), path("new.delta"), path("rebuilt.bin"))).isZero();

        assertThat(dir.resolve("rebuilt.bin")).hasSameBinaryContentAs(changed);
        assertThat(out.toString()).startsWith("new_bytes=2000000 literal=").contains("matched=");
        assertThat(Files.size(dir.resolve("new.delta"))).isLessThan(10_000);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void explicitBlockSizeIsUsed() throws IOException {
        assertThat(run("signature", "--block-size", "4096", basis.toString(), path("old.sig"))).isZero();

        int blocks = (2_000_000 + 4095) / 4096;
        int strongBytes = 5;
        assertThat(Files.size(dir.resolve("old.sig"))).isEqualTo(52 + blocks * (4L + strongBytes) + 4);
    }

    @Test
    void patchWithAnotherBasisFailsWithOneLineAndNoOutput() {
        run("signature", basis.toString(), path("old.sig"));
        run("delta", path("old.sig"), changed.toString(), path("new.delta"));

        int code = run("patch", changed.toString(), path("new.delta"), path("rebuilt.bin"));

        assertThat(code).isEqualTo(1);
        assertThat(dir.resolve("rebuilt.bin")).doesNotExist();
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("deltasync patch: cannot apply " + path("new.delta") + " to " + changed)
                .contains("is not the file the delta was made against");
    }

    @Test
    void corruptDeltaFailsWithExitCodeOne() throws IOException {
        run("signature", basis.toString(), path("old.sig"));
        run("delta", path("old.sig"), changed.toString(), path("new.delta"));
        byte[] delta = Files.readAllBytes(dir.resolve("new.delta"));
        delta[delta.length / 2] ^= 4;
        Files.write(dir.resolve("new.delta"), delta);

        assertThat(run("patch", basis.toString(), path("new.delta"), path("rebuilt.bin"))).isEqualTo(1);
        assertThat(err.toString()).contains("delta").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("rebuilt.bin")).doesNotExist();
    }

    @Test
    void missingInputFailsWithExitCodeOneNamingTheFile() {
        assertThat(run("signature", path("nope.bin"), path("x.sig"))).isEqualTo(1);
        assertThat(err.toString()).contains("no such file: " + path("nope.bin"));
        assertThat(dir.resolve("x.sig")).doesNotExist();
    }

    @Test
    void deltaWithSomethingElseThanASignatureFails() {
        assertThat(run("delta", basis.toString(), changed.toString(), path("new.delta"))).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read the signature " + basis).contains("not a deltasync signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bogus", "signature", "signature --block-size 3 a b", "patch a b", "delta --frobnicate a b c"})
    void usageErrorsExitWithTwo(String args) {
        assertThat(run(args.isEmpty() ? new String[0] : args.split(" "))).isEqualTo(2);
        assertThat(err.toString()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "signature --help", "delta --help", "patch --help", "--version"})
    void helpAndVersionExitWithZero(String args) {
        assertThat(run(args.split(" "))).isZero();
        assertThat(out.toString()).contains("deltasync");
    }

    @Test
    void subcommandHelpHasAnExample() {
        run("patch", "--help");
        assertThat(out.toString()).contains("Example:").contains("deltasync patch old.iso new.delta rebuilt.iso");
    }
}
