package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.folder.LocalFolder;

/**
 * A client hashes its folder while Camel starts and it connects, so that a first contact (which hashes every file)
 * does not do it after the handshake; the first cycle's scan then reads no file again.
 */
class ScanAheadTest {

    @Test
    void aClientHashesItsFolderBeforeItConnectsAndItsFirstScanReadsNothingAgain(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 3; i++) {
            Path file = dir.resolve("f" + i + ".bin");
            Files.write(file, new byte[10_000 + i]);
            // older than the scan cache's racy window, as files a first contact meets usually are
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }
        // nobody listens there: the client never connects, only Camel's set-up runs
        RoleBeans role = RoleBeans.client(Map.of("deltasync.dir", dir.toString(), "deltasync.port", "9"));
        DefaultCamelContext camel = new DefaultCamelContext();
        try {
            role.configured(camel);
            LocalFolder folder = role.clientParts().sync().folder();

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(folder.scanner().filesHashed()).isEqualTo(3));
            folder.numberedScan();

            assertThat(folder.scanner().filesHashed()).as("the cycle's scan takes every hash from the scan cache")
                    .isEqualTo(3);
        } finally {
            camel.stop();
            role.close();
        }
    }
}
