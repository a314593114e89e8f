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
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.FolderMarker;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.sync.WatchedScan;

/**
 * A client hashes its folder while Camel starts and it connects, so that a first contact (which hashes every file)
 * does not do it after the handshake; the first cycle's scan then reads no file again. A folder synced before
 * hashes ahead only what changed since its last scan.
 */
class ScanAheadTest {

    @Test
    void aClientHashesItsFolderBeforeItConnectsAndItsFirstScanReadsNothingAgain(@TempDir Path dir) throws Exception {
        writeThreeFiles(dir);
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

    @Test
    void aFolderSyncedBeforeHashesWhatChangedBeforeItConnects(@TempDir Path dir) throws Exception {
        writeThreeFiles(dir);
        FolderMarker.open(dir);
        try (SyncStateStore state = SyncStateStore.open(dir)) {
            state.record("a-server", FileEntry.file("f0.bin", 10_000, 0, false, "ab".repeat(32)));
            // f1 and f2 were scanned before and did not change since; f0 did
            for (int i = 1; i < 3; i++) {
                Path file = dir.resolve("f" + i + ".bin");
                state.scanCache().remember("f" + i + ".bin", Files.size(file), Files.getLastModifiedTime(file).toMillis(),
                        sha256(file));
            }
            state.commit();
        }
        RoleBeans role = RoleBeans.client(Map.of("deltasync.dir", dir.toString(), "deltasync.port", "9"));
        DefaultCamelContext camel = new DefaultCamelContext();
        try {
            role.configured(camel);
            LocalFolder folder = role.clientParts().sync().folder();

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(folder.scanner().filesHashed()).isEqualTo(1));
            folder.numberedScan();

            assertThat(folder.scanner().filesHashed()).as("the changed file is not hashed again by the cycle's scan")
                    .isEqualTo(1);
        } finally {
            camel.stop();
            role.close();
        }
    }

    @Test
    void aOneShotRunsFirstCycleTakesTheScanAheadOnceARunningClientWalksAgain(@TempDir Path dir) throws Exception {
        writeThreeFiles(dir);
        for (boolean oneShot : new boolean[] {true, false}) {
            RoleBeans role = RoleBeans.client(Map.of("deltasync.dir", dir.toString(), "deltasync.port", "9"));
            DefaultCamelContext camel = new DefaultCamelContext();
            try {
                ClientSync sync = role.clientParts().sync();
                if (oneShot) {
                    sync.oneShot();
                }
                role.configured(camel);

                WatchedScan.Numbered first = sync.takeScanAhead();
                if (oneShot) {
                    assertThat(first).isNotNull();
                    assertThat(first.result().entries()).containsOnlyKeys("f0.bin", "f1.bin", "f2.bin");
                } else {
                    assertThat(first).as("a running client's first cycle walks the folder itself").isNull();
                }
                assertThat(sync.takeScanAhead()).as("only the first cycle").isNull();
            } finally {
                camel.stop();
                role.close();
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void writeThreeFiles(Path dir) throws Exception {
        for (int i = 0; i < 3; i++) {
            Path file = dir.resolve("f" + i + ".bin");
            Files.write(file, new byte[10_000 + i]);
            // older than the scan cache's racy window, as files a first contact meets usually are
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }
    }
}
