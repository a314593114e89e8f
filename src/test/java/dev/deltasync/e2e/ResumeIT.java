package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.deltasync.rsync.Sha256;

/**
 * A 256 MiB upload and a 256 MiB download cut at ~90 % by the network (a proxy closes both sides after that many
 * bytes): the next sync moves at most 15 % of the file, counted at the proxy, and the result is hash-verified.
 */
class ResumeIT extends TwoFolders {

    static final long SIZE = 256L << 20;

    @Test
    void a256MiBUploadCutAt90PercentMovesAtMost15PercentAgain() throws Exception {
        ResumeTest.writeRandom(client.resolve("big.iso"), SIZE, 21);
        String hash = Sha256.hex(client.resolve("big.iso"));
        try (Peers.Running s = Peers.server(server, port, 0, "secret")) {
            ResumeTest.Resumed resumed = ResumeTest.cutThenResume(client, port, CuttingProxy.Way.UP, SIZE);

            assertThat(resumed.again()).as("bytes uploaded again").isLessThanOrEqualTo(SIZE * 15 / 100);
            assertThat(Sha256.hex(server.resolve("big.iso"))).isEqualTo(hash);
        }
    }

    @Test
    void a256MiBDownloadCutAt90PercentMovesAtMost15PercentAgain() throws Exception {
        ResumeTest.writeRandom(server.resolve("big.iso"), SIZE, 22);
        String hash = Sha256.hex(server.resolve("big.iso"));
        try (Peers.Running s = Peers.server(server, port, 0, "secret")) {
            ResumeTest.Resumed resumed = ResumeTest.cutThenResume(client, port, CuttingProxy.Way.DOWN, SIZE);

            assertThat(resumed.again()).as("bytes downloaded again").isLessThanOrEqualTo(SIZE * 15 / 100);
            assertThat(Sha256.hex(client.resolve("big.iso"))).isEqualTo(hash);
        }
    }
}
