package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.TestThreads;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.Trash;
import dev.deltasync.watch.ChangeBatch;

/** The real watch routes feeding a folder's scans: reported edits are rescanned alone, missed ones by the periodic rescan. */
class WatchedScanRoutesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final TestThreads threads = new TestThreads();
    private WatchRoutesHarness watch;

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
        threads.close();
    }

    @Test
    void anEditTheWatcherReportsIsRescannedAloneAndOneItMissedComesWithThePeriodicRescan() throws Exception {
        for (int i = 0; i < 300; i++) {
            Files.writeString(dir.resolve("f" + i + ".txt"), "file " + i);
        }
        LocalFolder folder = new LocalFolder(dir, IgnoreRules.load(dir), ScanCache.none(), Trash.forFolder(dir),
                threads);
        watch = new WatchRoutesHarness(dir, Map.of("deltasync.quiet-ms", "100", "deltasync.rescan-ms", "3000"));
        ChangeBatch.full().markIn(folder.watchedScan()); // the start-up rescan the harness consumed
        folder.scan();

        Files.writeString(dir.resolve("f7.txt"), "edited");
        await().atMost(PATIENCE).until(() -> !watch.batchesCovering("f7.txt").isEmpty());
        watch.batches().forEach(batch -> batch.markIn(folder.watchedScan()));
        watch.forget();
        long looked = folder.scanner().entriesLookedAt();
        assertThat(folder.scan().entries().get("f7.txt").size()).isEqualTo("edited".length());
        assertThat(folder.scanner().entriesLookedAt() - looked).isLessThan(5);

        FileTime touched = FileTime.fromMillis(1_500_000_000_000L);
        Files.setLastModifiedTime(dir.resolve("f9.txt"), touched); // mtime only: no event
        assertThat(folder.scan().entries().get("f9.txt").mtimeMillis()).isNotEqualTo(touched.toMillis());
        await().atMost(PATIENCE).until(() -> watch.batches().stream().anyMatch(ChangeBatch::fullRescan));
        watch.batches().forEach(batch -> batch.markIn(folder.watchedScan()));

        assertThat(folder.scan().entries().get("f9.txt").mtimeMillis()).isEqualTo(touched.toMillis());
    }
}
