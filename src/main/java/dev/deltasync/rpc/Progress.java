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
 * Logs how a long transfer is going: nothing for the first two seconds, then every few seconds the
 * file, the share done, the speed and the time left, and once the stream ends a last line saying it is all
 * there and what happens next (the other side verifying and installing it, say). A transfer done within two
 * seconds logs nothing. Counts the bytes flowing through a wrapped stream.
 */
public final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    static final long QUIET_START_NS = 2_000_000_000L;
    static final long EVERY_NS = 3_000_000_000L;

    private final String what;
    private final long total;
    private final String next;
    private final LongSupplier clock;
    private final Consumer<String> log;
    private final long start;
    private long done;
    private long nextReport;
    private boolean finished;

    /**
     * @param what  the transfer and its file, e.g. "Sending big.iso"
     * @param total the bytes expected through the stream (for a delta: the file's size, which it may not reach)
     * @param next  what follows once all of the stream went through, e.g. "sent, the server is verifying and
     *              installing it"; "" for nothing
     */
    Progress(String what, long total, String next, LongSupplier nanoClock, Consumer<String> log) {
        this.what = what;
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

    /** Counts what is read from {@code in}; closing it ends the transfer. */
    public static InputStream reading(InputStream in, String what, long total, String next) {
        Progress progress = new Progress(what, total, next, System::nanoTime, LOG::info);
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    progress.advance(n);
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                super.close();
                progress.finish();
            }
        };
    }

    public static OutputStream writing(OutputStream out, String what, long total) {
        return writing(out, what, total, "");
    }

    /** Counts what is written to {@code out}; closing it ends the transfer. */
    public static OutputStream writing(OutputStream out, String what, long total, String next) {
        Progress progress = new Progress(what, total, next, System::nanoTime, LOG::info);
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                progress.advance(len);
            }

            @Override
            public void close() throws IOException {
                super.close();
                progress.finish();
            }
        };
    }

    void advance(long bytes) {
        done += bytes;
        long now = clock.getAsLong();
        if (now >= nextReport) {
            nextReport = now + EVERY_NS;
            log.accept(line(now));
        }
    }

    /**
     * The stream is through: a transfer that took over two seconds says so, with the share it reached (a delta
     * of a file may be much smaller than the file) and, once all of it went through, what comes next. Said once.
     */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        long now = clock.getAsLong();
        if (now - start >= QUIET_START_NS) {
            log.accept(finalLine(now));
        }
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        long shown = Math.min(done, total);
        double etaSeconds = rate > 0 ? (total - shown) / rate : 0;
        return String.format(Locale.ROOT, "%s: %d%% (%.1f of %.1f MB) at %.1f MB/s, about %.0f s left", what,
                shown * 100 / total, shown / 1e6, total / 1e6, rate / 1e6, etaSeconds);
    }

    String finalLine(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        boolean all = done >= total;
        // a stream that ended short is a delta smaller than its file, or one that failed (which is logged apart)
        String amount = all ? String.format(Locale.ROOT, "100%% (%.1f MB)", total / 1e6)
                : String.format(Locale.ROOT, "ended after %.1f MB (the file is %.1f MB)", done / 1e6, total / 1e6);
        return String.format(Locale.ROOT, "%s: %s in %.1f s at %.1f MB/s%s", what, amount, seconds,
                done / seconds / 1e6, all && !next.isEmpty() ? "; " + next : "");
    }
}
