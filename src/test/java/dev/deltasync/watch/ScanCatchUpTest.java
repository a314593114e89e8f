package dev.deltasync.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScanCatchUpTest {

    private final PendingPaths pending = new PendingPaths();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private ScanCatchUp catchUp(long maxWaitMillis) {
        return new ScanCatchUp(() -> pending, () -> scheduler, maxWaitMillis, 5);
    }

    @Test
    void nothingHeldIsAnsweredAtOnceWithoutScheduling() {
        ScanCatchUp catchUp = new ScanCatchUp(() -> pending, () -> {
            throw new AssertionError("no check is scheduled when nothing is held");
        }, 60_000, 5);

        assertThat(catchUp.withWhatIsHeldNow("test")).isDone();
    }

    @Test
    void completesOnceTheHeldPathsSettledAndTheirBatchWasHandedOver() {
        ScanCatchUp catchUp = catchUp(60_000);
        pending.hold("a.txt", 1, 100, false);

        CompletableFuture<Void> caughtUp = catchUp.withWhatIsHeldNow("test");
        long ticket = pending.settled("a.txt", 1);
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(2)).until(() -> !caughtUp.isDone());
        catchUp.handedOver(ticket, ticket);

        await().atMost(Duration.ofSeconds(5)).until(caughtUp::isDone);
    }

    @Test
    void aPathThatNeverSettlesIsWaitedForOnlyUpToTheBound() {
        ScanCatchUp catchUp = catchUp(300);
        pending.hold("endless.log", 1, 100, false);
        long started = System.nanoTime();

        CompletableFuture<Void> caughtUp = catchUp.withWhatIsHeldNow("test");

        await().atMost(Duration.ofSeconds(5)).until(caughtUp::isDone);
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(300L, 4_000L);
    }

    @Test
    void withoutAWatcherNothingIsWaitedFor() {
        ScanCatchUp catchUp = new ScanCatchUp(() -> null, () -> scheduler, 60_000, 5);

        assertThat(catchUp.withWhatIsHeldNow("test")).isDone();
    }

    @Test
    void aStoppedSchedulerWaitsForNothing() {
        pending.hold("a.txt", 1, 100, false);
        scheduler.shutdown();

        assertThat(catchUp(60_000).withWhatIsHeldNow("test")).isDone();
    }

    @Test
    void aRequesterFloodingFlaggedRequestsHasOnlyAFewWaitAndOthersAreNotHeldUp() {
        ScanCatchUp catchUp = catchUp(60_000);
        pending.hold("a.txt", 1, 100, false);

        java.util.List<CompletableFuture<Void>> flood = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> catchUp.withWhatIsHeldNow("client x")).toList();
        CompletableFuture<Void> other = catchUp.withWhatIsHeldNow("client y");

        assertThat(flood.stream().filter(f -> !f.isDone()).count()).isEqualTo(ScanCatchUp.MAX_PER_REQUESTER);
        assertThat(other).isNotDone();
    }

    @Test
    void waitersShareOneSnapshotOfTheHeldPathsWhileNoEventCame() {
        pending.hold("a.txt", 1, 100, false);
        PendingPaths.Through first = pending.now();

        assertThat(pending.now()).isSameAs(first);
        pending.hold("a.txt", 1, 150, false);
        assertThat(pending.now()).isNotSameAs(first);
    }
}
