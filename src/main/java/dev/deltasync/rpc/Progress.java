package dev.deltasync.rpc;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how one phase of a long transfer is going: nothing for the first two seconds, then every few seconds the
 * file, the share done, the speed and the time left, and once the phase ends a last line saying it is all there
 * and what happens next (the other side verifying and installing it, say). A phase done within two seconds logs
 * nothing. Counts the bytes flowing through a wrapped stream, or what its owner reports with {@link #advance}.
 * <p>
 * Made by a {@link ProgressBoard}, it also tells the board's listeners each further whole percent, and the board's
 * ticker keeps the lines coming while no byte moves (an fsync, the other side's answer), so a phase that takes long
 * is never silent.
 */
public final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    static final long QUIET_START_NS = 2_000_000_000L;
    static final long EVERY_NS = 3_000_000_000L;

    private final ProgressBoard board;
    /** The thread that began the phase: a later phase of the same file begun there follows it (see the board). */
    private final Thread owner = Thread.currentThread();
    private final String path;
    private final Phase phase;
    private final String what;
    private final long total;
    /** Whether the share done can be told; else the lines say how long it has been going (a wait, say). */
    private final boolean measured;
    private final String next;
    private final LongSupplier clock;
    private final Consumer<String> log;
    private final long start;
    private long done;
    private long nextReport;
    private int percentTold = -1;
    private String stage = "";
    private boolean finished;

    /**
     * @param what  the transfer and its file, e.g. "Sending big.iso"
     * @param total the bytes expected through the stream (for a delta: the file's size, which it may not reach); 0
     *              when they cannot be told (a wait)
     * @param next  what follows once all of the stream went through, e.g. "sent, the server is verifying and
     *              installing it"; "" for nothing
     */
    Progress(String what, long total, String next, LongSupplier nanoClock, Consumer<String> log) {
        this(null, "", Phase.SENDING, what, total, next, nanoClock, log);
    }

    Progress(ProgressBoard board, String path, Phase phase, String what, long total, String next,
             LongSupplier nanoClock, Consumer<String> log) {
        this.board = board;
        this.path = path;
        this.phase = phase;
        this.what = what;
        this.measured = total > 0;
        this.total = Math.max(1, total);
        this.next = next;
        this.clock = nanoClock;
        this.log = log;
        this.start = nanoClock.getAsLong();
        this.nextReport = start + QUIET_START_NS;
    }

    public static InputStream reading(InputStream in, String what, long total) {
        return reading(in, what, total, "");
    }

    /** Counts what is read from {@code in}; closing it ends the transfer. Logs only (no board, no ticker). */
    public static InputStream reading(InputStream in, String what, long total, String next) {
        return reading(in, new Progress(what, total, next, System::nanoTime, LOG::info));
    }

    public static OutputStream writing(OutputStream out, String what, long total) {
        return writing(out, what, total, "");
    }

    /** Counts what is written to {@code out}; closing it ends the transfer. Logs only (no board, no ticker). */
    public static OutputStream writing(OutputStream out, String what, long total, String next) {
        return writing(out, new Progress(what, total, next, System::nanoTime, LOG::info), true);
    }

    static InputStream reading(InputStream in, Progress progress) {
        return reading(in, progress, null);
    }

    /**
     * @param atEnd null: reading to the end or closing ends the phase; else the phase goes on (its owner finishes
     *              it) and this is what it does once all was read
     */
    static InputStream reading(InputStream in, Progress progress, String atEnd) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    progress.advance(n);
                } else if (n < 0 && atEnd != null) {
                    progress.stage(atEnd);
                } else if (n < 0 && progress.board != null) {
                    progress.finish(); // all of it was read: what follows is another phase's
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                super.close();
                if (atEnd == null) {
                    progress.finish();
                }
            }
        };
    }

    /** @param closingEnds whether closing the stream ends the phase (else its owner calls {@link #finish}) */
    static OutputStream writing(OutputStream out, Progress progress, boolean closingEnds) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                progress.advance(len);
            }

            @Override
            public void close() throws IOException {
                super.close();
                if (closingEnds) {
                    progress.finish();
                }
            }
        };
    }

    public String path() {
        return path;
    }

    /** Whether the next phase of the same file, begun on the thread that began this one, ends it. */
    boolean endedBy(String nextPath, Thread thread) {
        return phase == Phase.COMPARING && path.equals(nextPath) && owner == thread;
    }

    /** Counts {@code bytes} more done. */
    public void advance(long bytes) {
        ProgressEvent event;
        synchronized (this) {
            if (finished) {
                return;
            }
            done += bytes;
            long now = clock.getAsLong();
            if (now >= nextReport) {
                nextReport = now + EVERY_NS;
                log.accept(line(now));
            }
            event = furtherPercent();
        }
        tell(event);
    }

    /**
     * What the phase is doing now that bytes alone do not show ("round 2", "flushing it to disk"); said in the
     * following lines.
     */
    public synchronized void stage(String words) {
        this.stage = words == null ? "" : words;
    }

    /**
     * A stage with a share of its own, told in the lines after the phase's: a comparison whose first pass read
     * the whole file (100 %) and whose later rounds search only the stretches that differ, say.
     */
    public synchronized void stage(String words, long stageDone, long stageTotal) {
        long of = Math.max(1, stageTotal);
        this.stage = String.format(Locale.ROOT, "%s: %d%% of %.1f MB", words, Math.min(stageDone, of) * 100 / of,
                stageTotal / 1e6);
    }

    /** Logs a line if one is due: called by the board's ticker, so a phase where no byte moves still reports. */
    void tick(long now) {
        synchronized (this) {
            if (finished || now < nextReport) {
                return;
            }
            nextReport = now + EVERY_NS;
            log.accept(line(now));
        }
    }

    /** The phase is over with all of it done (a comparison that needed less than a whole read, say). */
    public void finishAll() {
        synchronized (this) {
            done = Math.max(done, total);
        }
        finish();
    }

    /**
     * The phase is over: one that took over two seconds says so, with the share it reached (a delta of a file may be
     * much smaller than the file) and, once all of it went through, what comes next. Said once.
     */
    public void finish() {
        ProgressEvent event;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            long now = clock.getAsLong();
            if (now - start >= QUIET_START_NS) {
                log.accept(finalLine(now));
            }
            percentTold = 100;
            event = snapshot();
        }
        if (board != null) {
            board.ended(this, event);
        }
    }

    /** Where the phase stands now. */
    public synchronized ProgressEvent snapshot() {
        return new ProgressEvent(path, phase, what, done, total, finished ? 100 : Math.max(0, percentTold), finished);
    }

    /** The first event of a phase (0 %), for the board to tell. */
    synchronized ProgressEvent started() {
        percentTold = 0;
        return snapshot();
    }

    private ProgressEvent furtherPercent() {
        int percent = measured ? (int) (Math.min(done, total) * 100 / total) : 0;
        if (board == null || percent <= percentTold) {
            return null;
        }
        percentTold = percent;
        return snapshot();
    }

    private void tell(ProgressEvent event) {
        if (event != null) {
            board.tell(event);
        }
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        long shown = Math.min(done, total);
        if (!measured) {
            return String.format(Locale.ROOT, "%s (%.0f s so far)", what, seconds);
        }
        if (!stage.isEmpty()) {
            return String.format(Locale.ROOT, "%s: %d%%, %s (%.0f s so far)", what, shown * 100 / total, stage,
                    seconds);
        }
        double etaSeconds = rate > 0 ? (total - shown) / rate : 0;
        return String.format(Locale.ROOT, "%s: %d%% (%.1f of %.1f MB) at %.1f MB/s, about %.0f s left", what,
                shown * 100 / total, shown / 1e6, total / 1e6, rate / 1e6, etaSeconds);
    }

    String finalLine(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        if (!measured) {
            return String.format(Locale.ROOT, "%s: over after %.1f s", what, seconds);
        }
        boolean all = done >= total;
        // a stream that ended short is a delta smaller than its file, or one that failed (which is logged apart)
        String amount = all ? String.format(Locale.ROOT, "100%% (%.1f MB)", total / 1e6)
                : String.format(Locale.ROOT, "ended after %.1f MB (the file is %.1f MB)", done / 1e6, total / 1e6);
        return String.format(Locale.ROOT, "%s: %s in %.1f s at %.1f MB/s%s", what, amount, seconds,
                done / seconds / 1e6, all && !next.isEmpty() ? "; " + next : "");
    }
}
