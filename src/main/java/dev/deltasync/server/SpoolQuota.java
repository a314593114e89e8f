package dev.deltasync.server;

import java.io.FilterOutputStream;
import java.io.IOException;

import dev.deltasync.rpc.NoRoomException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes that streams being received hold in the server's spool ({@code .deltasync/tmp}), per connection and for
 * the whole server. Every request's stream is already bounded by what the request declares ({@link StreamBounds});
 * this keeps many requests, or many clients, from filling the disk together. A stream that would pass a limit fails
 * (the client hears DISK_FULL and retries on a later cycle) and its spool is deleted.
 */
public final class SpoolQuota {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolQuota.class);

    private final long perConnection;
    private final long total;
    private final AtomicLong used = new AtomicLong();

    /** @param perConnection bytes one connection may hold; {@code total} all of them together */
    public SpoolQuota(long perConnection, long total) {
        if (perConnection <= 0 || total <= 0) {
            throw new IllegalArgumentException("spool limits must be positive, not " + perConnection + " / " + total);
        }
        this.perConnection = perConnection;
        this.total = total;
    }

    /** Bytes spooled by all connections now. */
    public long used() {
        return used.get();
    }

    /**
     * What is kept of cut uploads to resume them ({@code .deltasync/partial}) counts toward the total: a budget that
     * refuses what would pass it.
     */
    public dev.deltasync.folder.PartialStore.Budget partials() {
        return new dev.deltasync.folder.PartialStore.Budget() {
            @Override
            public void take(long bytes) throws FullException {
                if (used.addAndGet(bytes) > total) {
                    used.addAndGet(-bytes);
                    throw new FullException("the server's spool limit (" + total + " bytes for all clients) is reached");
                }
            }

            @Override
            public void give(long bytes) {
                used.addAndGet(-bytes);
            }
        };
    }

    /** One connection's share of the spool. */
    public Account account(String who) {
        return new Account(who);
    }

    /** A spool write refused because a limit would be passed. */
    public static final class FullException extends NoRoomException {
        FullException(String message) {
            super(message);
        }
    }

    public final class Account {

        private final String who;
        private final AtomicLong held = new AtomicLong();

        private Account(String who) {
            this.who = who;
        }

        public long held() {
            return held.get();
        }

        /** {@code out}, every byte written to it charged to this connection and the server until released. */
        public Charged charge(OutputStream out) {
            return new Charged(out);
        }

        private void reserve(long bytes) throws FullException {
            if (held.addAndGet(bytes) > perConnection) {
                held.addAndGet(-bytes);
                LOG.warn("Spool limit reached: {} would hold more than {} bytes of incoming streams "
                        + "(deltasync.max-spool-mb-per-client); this transfer fails and the client retries it later",
                        who, perConnection);
                throw new FullException("the server's spool limit per client (" + perConnection + " bytes) is reached");
            }
            if (used.addAndGet(bytes) > total) {
                used.addAndGet(-bytes);
                held.addAndGet(-bytes);
                LOG.warn("Spool limit reached: the clients together would hold more than {} bytes of incoming streams "
                        + "(deltasync.max-spool-mb); a transfer from {} fails and is retried later", total, who);
                throw new FullException("the server's spool limit (" + total + " bytes for all clients) is reached");
            }
        }

        private void release(long bytes) {
            held.addAndGet(-bytes);
            used.addAndGet(-bytes);
        }

        /** A spool file's stream, charged as it grows. */
        public final class Charged extends FilterOutputStream {

            private long charged;
            private boolean released;

            private Charged(OutputStream out) {
                super(out);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int off, int len) throws IOException {
                synchronized (this) {
                    if (released) {
                        throw new IOException("the spool of this stream is already gone");
                    }
                    reserve(len);
                    charged += len;
                }
                out.write(bytes, off, len);
            }

            /** The spool file is deleted: its bytes no longer count. */
            public synchronized void release() {
                if (!released) {
                    released = true;
                    Account.this.release(charged);
                }
            }
        }
    }
}
