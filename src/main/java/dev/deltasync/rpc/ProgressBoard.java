package dev.deltasync.rpc;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transfers under way on one folder: each phase of each file ({@link Progress}) logs its own lines, tells the
 * listeners (tests, the status record) as it goes, and is listed by {@link #running()} until it ends. A ticker
 * ({@link #tickEvery}) keeps long phases reporting while no byte moves. A comparison ends when the thread that began
 * it begins the next phase of the same file.
 */
public final class ProgressBoard {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    static final long TICK_MS = 1000;

    private final LongSupplier clock;
    private final Consumer<String> log;
    private final Set<Progress> running = ConcurrentHashMap.newKeySet();
    private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();

    public ProgressBoard() {
        this(System::nanoTime, LOG::info);
    }

    ProgressBoard(LongSupplier nanoClock, Consumer<String> log) {
        this.clock = nanoClock;
        this.log = log;
    }

    public void onProgress(ProgressListener listener) {
        listeners.add(listener);
    }

    /**
     * A phase that its owner advances and finishes itself.
     *
     * @param what how its lines start, e.g. "Comparing big.iso with the server's copy"
     * @param next what follows once all of it is done ("" for nothing)
     */
    public Progress start(String path, Phase phase, String what, long total, String next) {
        // a comparison is over once the same work goes on to send (or receive) what it found missing
        Thread thread = Thread.currentThread();
        running.stream().filter(p -> p.endedBy(path, thread)).forEach(Progress::finishAll);
        Progress progress = new Progress(this, path, phase, what, total, next, clock, log);
        running.add(progress);
        tell(progress.started());
        return progress;
    }

    /** Counts what is read from {@code in}; reading to its end or closing it ends the phase. */
    public InputStream reading(InputStream in, String path, Phase phase, String what, long total, String next) {
        return Progress.reading(in, start(path, phase, what, total, next));
    }

    /** Counts what is written to {@code out}; closing it ends the phase. */
    public OutputStream writing(OutputStream out, String path, Phase phase, String what, long total) {
        return Progress.writing(out, start(path, phase, what, total, ""), true);
    }

    /**
     * Counts what is read from {@code in} for {@code progress}, which goes on once all was read (its owner or the
     * next phase of the file finishes it).
     *
     * @param atEnd what the phase does once all was read, e.g. "finer rounds for the parts that differ"
     */
    public static InputStream counting(InputStream in, Progress progress, String atEnd) {
        return Progress.reading(in, progress, atEnd);
    }

    /** Counts what is written to {@code out} for {@code progress}, which its owner finishes. */
    public static OutputStream counting(OutputStream out, Progress progress) {
        return Progress.writing(out, progress, false);
    }

    /** The phases under way, in the order of their paths. */
    public List<ProgressEvent> running() {
        return running.stream().map(Progress::snapshot).sorted(Comparator.comparing(ProgressEvent::path)).toList();
    }

    /** Logs the lines due now. */
    public void tick() {
        long now = clock.getAsLong();
        running.forEach(progress -> progress.tick(now));
    }

    /** Ticks every second on {@code scheduler} until the returned future is cancelled or the scheduler stops. */
    public ScheduledFuture<?> tickEvery(ScheduledExecutorService scheduler) {
        return tickEvery(scheduler, () -> { });
    }

    /**
     * Ticks every second and runs {@code alongside} right after each tick, in one task: a process's once-a-second
     * checks share one wake-up (idle, a thousand clients in one JVM spent 43 % of their CPU waking the ticker).
     * A failure of either is logged and does not end the other or the ticking.
     */
    public ScheduledFuture<?> tickEvery(ScheduledExecutorService scheduler, Runnable alongside) {
        return scheduler.scheduleWithFixedDelay(() -> {
            runLogged(this::tick, "progress tick");
            runLogged(alongside, "check");
        }, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private static void runLogged(Runnable task, String what) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("A once-a-second {} failed: {}", what, e.toString());
        }
    }

    void ended(Progress progress, ProgressEvent last) {
        running.remove(progress);
        tell(last);
    }

    void tell(ProgressEvent event) {
        for (ProgressListener listener : listeners) {
            try {
                listener.progressed(event);
            } catch (RuntimeException e) {
                LOG.debug("A progress listener failed on {}: {}", event.path(), e.toString());
            }
        }
    }
}
