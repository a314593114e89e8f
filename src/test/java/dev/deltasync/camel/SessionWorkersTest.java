package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionWorkersTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aSessionsTasksRunInOrderAndNeverTwoAtOnce() {
        SessionWorkers workers = new SessionWorkers(() -> pool, 4);
        SessionQueue queue = workers.newQueue("one session");
        List<Integer> order = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        for (int i = 0; i < 200; i++) {
            int task = i;
            queue.execute(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(task);
                running.decrementAndGet();
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 200);
        assertThat(order).isSorted();
        assertThat(mostAtOnce).hasValue(1);
    }

    @Test
    void aSessionWaitingForItsClientLetsAnotherWorkInItsSlot() throws InterruptedException {
        SessionWorkers workers = new SessionWorkers(() -> pool, 1);
        CountDownLatch clientReads = new CountDownLatch(1);
        CountDownLatch otherDone = new CountDownLatch(1);
        List<String> log = new CopyOnWriteArrayList<>();
        SessionQueue slow = workers.newQueue("slow client");
        slow.execute(() -> workers.waitForClient(() -> {
            try {
                clientReads.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        slow.execute(() -> log.add("slow client's next request"));
        await().atMost(Duration.ofSeconds(10)).until(workers::waitingForClients, n -> n == 1);

        workers.newQueue("fast client").execute(() -> {
            log.add("fast client served");
            otherDone.countDown();
        });

        assertThat(otherDone.await(10, TimeUnit.SECONDS)).as("the fast client is served while the slow one waits").isTrue();
        assertThat(log).containsExactly("fast client served");
        clientReads.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> log.size() == 2);
        assertThat(log).containsExactly("fast client served", "slow client's next request");
        assertThat(workers.waitingForClients()).isZero();
    }

    @Test
    void noMoreSessionsWorkAtOnceThanItsSlots() {
        SessionWorkers workers = new SessionWorkers(() -> pool, 2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            workers.newQueue("session " + i).execute(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // busy, like a session hashing a file
                }
                running.decrementAndGet();
                done.incrementAndGet();
            });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> done.get() == 20);
        assertThat(mostAtOnce.get()).isBetween(1, 2);
    }
}
