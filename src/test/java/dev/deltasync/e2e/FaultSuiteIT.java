package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The short subset of bench/faults.sh that CI runs on every build (the full suite is run by hand):
 * hostile frames and wrong secrets, escaping paths, a file rewritten while it is sent, a full disk
 * (SKIP without root), a client breaking its server's mode, a zstd window bomb, a stream longer than its
 * request, and a flood of connections that never authenticate. Every case must PASS or SKIP.
 */
class FaultSuiteIT {

    @Test
    void quickFaultSuitePasses() throws Exception {
        Process suite = new ProcessBuilder("bash", "bench/faults.sh", "--quick", "--jar",
                Path.of("target/deltasync.jar").toAbsolutePath().toString(),
                "--cases", "hostile,path-escape,rewrite,disk-full,mode-rules,zstd-window,overflow,flood")
                .redirectErrorStream(true)
                .start();
        String output = new String(suite.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(suite.waitFor(10, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        List<String> verdicts = output.lines().filter(l -> l.matches("^(PASS|FAIL|SKIP) .*")).toList();
        assertThat(verdicts).as(output).hasSize(8).noneMatch(l -> l.startsWith("FAIL"));
        assertThat(verdicts).anyMatch(l -> l.startsWith("PASS hostile")).anyMatch(l -> l.startsWith("PASS path-escape"))
                .anyMatch(l -> l.startsWith("PASS mode-rules")).anyMatch(l -> l.startsWith("PASS zstd-window"))
                .anyMatch(l -> l.startsWith("PASS overflow")).anyMatch(l -> l.startsWith("PASS flood"));
    }
}
