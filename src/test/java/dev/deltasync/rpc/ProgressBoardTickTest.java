package dev.deltasync.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The progress tick and a process's other once-a-second check share one scheduled task (one wake-up a second). */
class ProgressBoardTickTest {

    @Test
    void theCheckRidesTheTickAndAFailingCheckDoesNotEndTheTicking() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            AtomicInteger checks = new AtomicInteger();
            new ProgressBoard().tickEvery(scheduler, () -> {
                if (checks.incrementAndGet() == 1) {
                    throw new IllegalStateException("the status record's folder is gone");
                }
            });

            assertThat(scheduler.getQueue()).as("scheduled tasks").hasSize(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> checks.get() >= 3);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
