package dev.deltasync.rpc;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how a long transfer is going: nothing for the first two seconds, then every few seconds the
 * file, the share done, the speed and the time left. Counts the bytes flowing through a wrapped stream.
 */
public final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    static final long QUIET_START_NS = 2_000_000_000L;
    static final long EVERY_NS = 3_000_000_000L;

    private final String what;
    private final long total;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private long nextReport;

    Progress(String what, long total, LongSupplier nanoClock) {
        this.what = what;
        this.total = Math.max(1, total);
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.nextReport = start + QUIET_START_NS;
    }

    public static InputStream reading(InputStream in, String what, long total) {
        Progress progress = new Progress(what, total, System::nanoTime);
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    progress.advance(n);
                }
                return n;
            }
        };
    }

    public static OutputStream writing(OutputStream out, String what, long total) {
        Progress progress = new Progress(what, total, System::nanoTime);
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                progress.advance(len);
            }
        };
    }

    void advance(long bytes) {
        done += bytes;
        long now = clock.getAsLong();
        if (now >= nextReport) {
            nextReport = now + EVERY_NS;
            LOG.info(line(now));
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
}
