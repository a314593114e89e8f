package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deltasync.camel.WatchRoutesHarness.Arrival;
import dev.deltasync.watch.ChangeBatch;
import dev.deltasync.watch.FileSnapshot;
import dev.deltasync.watch.PathActivity;
import dev.deltasync.watch.RawEvent;
import dev.deltasync.watch.SettleOutcome.Recheck;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch routes on a real folder with the real watcher; every wait is on a condition. */
class WatchRoutesTest {

    private static final int QUIET_MS = 300;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    @TempDir
    Path outside;
    private WatchRoutesHarness watch;

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
    }

    @Test
    void editorSaveThroughATempFileIsOneChangeOfTheTargetOnly() throws Exception {
        startWatching(QUIET_MS);
        Path target = dir.resolve("notes.txt");
        Files.writeString(target, "v1");
        awaitCovered("notes.txt");
        watch.forget();

        for (String temp : List.of(".notes.txt.swp", "notes.txt~", "notes.txt.tmp")) {
            Path tmp = dir.resolve(temp);
            Files.writeString(tmp, "saved through " + temp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        awaitCovered("notes.txt");
        assertStaysCoveredOnce("notes.txt");
        assertThat(watch.batches()).flatMap(ChangeBatch::changedPaths).containsOnly("notes.txt");
    }

    @Test
    void bigFileWrittenInChunksIsReportedOnceAfterItSettledWithItsFinalSize() throws Exception {
        startWatching(1000);
        int chunks = 200;
        byte[] chunk = new byte[1 << 20];
        Path big = dir.resolve("big.bin");
        CompletableFuture<Long> finished = writeChunksPaced(big, chunk, chunks, 25);

        long finishedAt = finished.get(60, TimeUnit.SECONDS);
        awaitCovered("big.bin");
        assertStaysCoveredOnce("big.bin");
        Arrival arrival = watch.arrivals().stream().filter(a -> a.batch().covers("big.bin")).findFirst().orElseThrow();
        assertThat(arrival.atNanos()).isGreaterThan(finishedAt);
        assertThat(arrival.sizes()).containsEntry("big.bin", (long) chunks * chunk.length);
    }

    @Test
    void pastTheMaxDelayABigCopyStillShipsOnlyOnceItIsComplete() throws Exception {
        watch = new WatchRoutesHarness(dir, Map.of("deltasync.quiet-ms", "1200", "deltasync.max-delay-ms", "1200"));
        int chunks = 120;
        byte[] chunk = new byte[1 << 20];
        long finishedAt = writeChunksPaced(dir.resolve("copy.bin"), chunk, chunks, 25).get(60, TimeUnit.SECONDS);

        awaitCovered("copy.bin");
        assertStaysCoveredOnce("copy.bin");
        Arrival arrival = watch.arrivals().get(0);
        assertThat(arrival.atNanos()).isGreaterThan(finishedAt);
        assertThat(arrival.sizes()).containsEntry("copy.bin", (long) chunks * chunk.length);
    }

    @Test
    void aPathFoundStillChangingGoesRoundAgainAndIsThenReported() throws Exception {
        Files.writeString(dir.resolve("quiet.txt"), "already here before watching");
        startWatching(QUIET_MS);
        RawEvent event = new RawEvent(RawEvent.Kind.MODIFY, "quiet.txt", System.currentTimeMillis());
        PathActivity seenSmaller = PathActivity.start(event, FileSnapshot.file(1, 1));

        watch.main().getCamelTemplate().sendBodyAndHeader("direct:watch-debounce", new Recheck(seenSmaller),
                "DeltaSyncPath", "quiet.txt");

        awaitCovered("quiet.txt");
        assertThat(watch.batches()).flatMap(ChangeBatch::changedPaths).containsExactly("quiet.txt");
    }

    @Test
    void newDirectoryTreeWithAHundredFilesIsFullyCovered() throws Exception {
        startWatching(QUIET_MS);
        Path leaf = Files.createDirectories(dir.resolve("a/b/c"));
        for (int i = 0; i < 100; i++) {
            Files.writeString(leaf.resolve("f" + i + ".txt"), "file " + i);
        }

        List<String> paths = IntStream.range(0, 100).mapToObj(i -> "a/b/c/f" + i + ".txt").toList();
        await().atMost(PATIENCE).until(() -> paths.stream().allMatch(this::covered));
        assertThat(watch.batches()).noneMatch(ChangeBatch::fullRescan);
    }

    @Test
    void moveToATrashOutsideIsADeleteAndARenameInsideIsOneBatchWithBothPaths() throws Exception {
        startWatching(QUIET_MS);
        Files.writeString(dir.resolve("old.txt"), "renamed soon");
        Files.writeString(dir.resolve("doomed.txt"), "trashed soon");
        awaitCovered("old.txt");
        awaitCovered("doomed.txt");
        watch.forget();

        Files.move(dir.resolve("doomed.txt"), outside.resolve("doomed.txt"));
        Files.move(dir.resolve("old.txt"), dir.resolve("new.txt"));

        awaitCovered("doomed.txt");
        awaitCovered("old.txt");
        awaitCovered("new.txt");
        assertThat(watch.batchesCovering("old.txt")).hasSize(1).first()
                .satisfies(batch -> assertThat(batch.changedPaths()).contains("old.txt", "new.txt"));
        assertThat(watch.batchesCovering("new.txt")).hasSize(1);
        assertThat(watch.batches()).flatMap(ChangeBatch::changedPaths).contains("doomed.txt");
    }

    @Test
    void aRemovedTreeIsReportedInOneBatch() throws Exception {
        startWatching(QUIET_MS);
        Path leaf = Files.createDirectories(dir.resolve("old/tree"));
        for (int i = 0; i < 150; i++) {
            Files.writeString(leaf.resolve("f" + i), "f" + i);
        }
        Files.writeString(dir.resolve("old/top.txt"), "top");
        await().atMost(PATIENCE).until(() -> covered("old/tree/f149") && covered("old/top.txt"));
        awaitNoMoreBatches();
        watch.forget();

        try (var paths = Files.walk(dir.resolve("old"))) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }

        await().atMost(PATIENCE).until(() -> covered("old") && goneWithAParent("old/top.txt")
                && IntStream.range(0, 150).allMatch(i -> goneWithAParent("old/tree/f" + i)));
        // a watcher failure (the library loses track of a deleted directory's key) brings a full rescan instead,
        // which may then cover the whole removal before any batch of events does
        boolean rescanned = watch.batches().stream().anyMatch(ChangeBatch::fullRescan);
        assertThat(watch.batches()).filteredOn(batch -> !batch.fullRescan()).hasSizeBetween(rescanned ? 0 : 1, 1);
    }

    /**
     * Covered, or a parent directory is reported changed: the kernel drops the events of entries
     * deleted just before their directory when the watcher reads them after the directory is gone,
     * and the sync side rescans under a changed directory anyway.
     */
    private boolean goneWithAParent(String path) {
        return covered(path) || watch.batches().stream().anyMatch(batch -> batch.changedPaths().stream()
                .anyMatch(changed -> path.startsWith(changed + "/")));
    }

    @Test
    void periodicFullRescansComeAtTheConfiguredPace() throws Exception {
        watch = new WatchRoutesHarness(dir, Map.of("deltasync.rescan-ms", "200"));

        await().atMost(PATIENCE).until(() -> watch.batches().stream().filter(ChangeBatch::fullRescan).count() >= 3);
    }

    @Test
    void periodicFullRescansCanBeSwitchedOff() throws Exception {
        watch = new WatchRoutesHarness(dir, Map.of("deltasync.rescan-ms", "0"));

        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> watch.batches().isEmpty());
    }

    @Test
    void burstOfTenThousandFilesIsCoveredInFewBatches() throws Exception {
        startWatching(QUIET_MS);
        Path burst = Files.createDirectories(dir.resolve("burst"));
        awaitCovered("burst");
        watch.forget();
        for (int i = 0; i < 10_000; i++) {
            Files.writeString(burst.resolve("n" + i), "n" + i);
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> IntStream.range(0, 10_000).allMatch(i -> covered("burst/n" + i)));
        assertThat(watch.batches()).hasSizeLessThanOrEqualTo(20);
    }

    @Test
    void aBurstTooFastForTheWatcherQueueIsStillFullyCovered() throws Exception {
        startWatching(QUIET_MS);
        Path source = Files.createDirectories(outside.resolve("many"));
        for (int i = 0; i < 10_000; i++) {
            Files.writeString(source.resolve("n" + i), "n" + i);
        }
        Path burst = Files.createDirectories(dir.resolve("burst"));
        awaitCovered("burst");
        watch.forget();

        // cp is fast enough to overflow the kernel/JDK event queues; lost events must end in a rescan
        Process cp = new ProcessBuilder("sh", "-c", "cp \"$0\"/* \"$1\"", source.toString(), burst.toString())
                .inheritIO().start();
        assertThat(cp.waitFor()).isZero();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> IntStream.range(0, 10_000).allMatch(i -> covered("burst/n" + i)));
        assertThat(watch.batches()).hasSizeLessThanOrEqualTo(20);
    }

    @Test
    void metadataAndIgnoredNamesAreNeverReported() throws Exception {
        Files.writeString(dir.resolve(".deltasyncignore"), "# build output\nbuild/\n*.log\n");
        startWatching(QUIET_MS);
        Files.createDirectories(dir.resolve(".deltasync/tmp"));
        Files.writeString(dir.resolve(".deltasync/tmp/part"), "partial");
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("build/out.bin"), "output");
        Files.writeString(dir.resolve("run.log"), "log");
        Files.writeString(dir.resolve(".~lock.report.odt#"), "lock");
        Files.writeString(dir.resolve("kept, (really).txt"), "kept");

        awaitCovered("kept, (really).txt");
        await().during(Duration.ofMillis(4 * QUIET_MS)).atMost(PATIENCE)
                .until(() -> watch.batches().stream().allMatch(b -> !b.fullRescan()
                        && b.rescanDirs().isEmpty() && b.changedPaths().equals(java.util.Set.of("kept, (really).txt"))));
    }

    @Test
    void aWatcherFailureBringsAFullRescan() throws Exception {
        startWatching(QUIET_MS);
        WatchFailureHandler failures = watch.main().lookup("watchFailures", WatchFailureHandler.class);

        failures.handleException(new IOException("User limit of inotify watches reached"));

        await().atMost(PATIENCE).until(() -> watch.batches().stream().anyMatch(ChangeBatch::fullRescan));
    }

    @Test
    void theStartupAdvisorIsRegisteredAsAnEventNotifier() throws Exception {
        startWatching(QUIET_MS);
        assertThat(watch.main().getCamelContext().getManagementStrategy().getEventNotifiers())
                .hasAtLeastOneElementOfType(WatchStartupAdvisor.class);
    }

    private void startWatching(int quietMillis) throws Exception {
        watch = new WatchRoutesHarness(dir, Map.of("deltasync.quiet-ms", String.valueOf(quietMillis)));
    }

    private boolean covered(String path) {
        return !watch.batchesCovering(path).isEmpty();
    }

    private void awaitCovered(String path) {
        await().atMost(PATIENCE).until(() -> covered(path));
    }

    /** Waits until no batch has arrived for a few quiet periods. */
    private void awaitNoMoreBatches() {
        AtomicInteger lastCount = new AtomicInteger(-1);
        await().during(Duration.ofMillis(4 * QUIET_MS)).atMost(PATIENCE)
                .until(() -> lastCount.getAndSet(watch.batches().size()) == watch.batches().size());
    }

    private void assertStaysCoveredOnce(String path) {
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> watch.batchesCovering(path).size() == 1);
    }

    /** Writes chunks at a steady pace from a scheduler; completes with System.nanoTime() after the close. */
    private static CompletableFuture<Long> writeChunksPaced(Path file, byte[] chunk, int chunks, long periodMillis)
            throws IOException {
        OutputStream out = Files.newOutputStream(file);
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<Long> finished = new CompletableFuture<>();
        AtomicInteger written = new AtomicInteger();
        writer.scheduleAtFixedRate(() -> {
            try {
                out.write(chunk);
                out.flush();
                if (written.incrementAndGet() == chunks) {
                    out.close();
                    finished.complete(System.nanoTime());
                    writer.shutdown();
                }
            } catch (IOException e) {
                finished.completeExceptionally(e);
                writer.shutdown();
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
        return finished;
    }
}
