package dev.deltasync.camel;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.deltasync.client.SyncReport;
import dev.deltasync.wire.ByteCounter;

/**
 * deltasync's own meters. Counts live here, so nothing is lost before a registry is known; {@link #bindTo}
 * publishes them on Camel's (camel-main) or Spring Boot's {@link MeterRegistry}. Names in Prometheus form
 * are listed in docs/console.md ("Health and metrics").
 */
public final class SyncMetrics implements MeterBinder {

    private final ByteCounter traffic;
    private final IntSupplier peers;
    private final String peersName;
    private final String peersHelp;
    private final LongAdder cycles = new LongAdder();
    private final LongAdder files = new LongAdder();
    private final LongAdder literal = new LongAdder();
    private final LongAdder matched = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder deletes = new LongAdder();
    private final LongAdder fileErrors = new LongAdder();

    private volatile IntSupplier queueDepth = () -> 0;
    private volatile LongSupplier syncLagMs = () -> 0;
    private volatile IntSupplier handshakesWaiting;
    private volatile LongSupplier handshakesBusy;

    private SyncMetrics(ByteCounter traffic, IntSupplier peers, String peersName, String peersHelp) {
        this.traffic = traffic;
        this.peers = peers;
        this.peersName = peersName;
        this.peersHelp = peersHelp;
    }

    /** Requests sent and not yet answered (client) or being served (server): the work queued on the wire. */
    public SyncMetrics withQueueDepth(IntSupplier depth) {
        this.queueDepth = depth;
        return this;
    }

    /** How long the oldest change not yet reconciled has been waiting, in ms (0 when in sync). */
    public SyncMetrics withSyncLag(LongSupplier lagMs) {
        this.syncLagMs = lagMs;
        return this;
    }

    /** Connections accepted and not authenticated yet (server; a reconnect storm shows here). */
    public SyncMetrics withHandshakesWaiting(IntSupplier waiting) {
        this.handshakesWaiting = waiting;
        return this;
    }

    /** Connections the server told it was busy (server; each was closed and asked to come back later). */
    public SyncMetrics withHandshakesBusy(LongSupplier busy) {
        this.handshakesBusy = busy;
        return this;
    }

    /** A server's meters: its wire traffic and how many clients are connected and authenticated. */
    public static SyncMetrics server(ByteCounter traffic, IntSupplier connectedClients) {
        return new SyncMetrics(traffic, connectedClients, "deltasync.clients.connected",
                "Clients connected and authenticated");
    }

    /** A client's meters: its wire traffic, its sync cycles and whether it is connected (1) or not (0). */
    public static SyncMetrics client(ByteCounter traffic, IntSupplier connected) {
        return new SyncMetrics(traffic, connected, "deltasync.server.connected", "1 while connected to the server");
    }

    /** Adds what one sync cycle did. */
    public void recordCycle(SyncReport report) {
        cycles.increment();
        files.add(report.files());
        literal.add(report.literal());
        matched.add(report.matched());
        conflicts.add(report.conflicts());
        deletes.add(report.deletedCount());
        fileErrors.add(report.errors().size());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "deltasync.bytes.sent", "Bytes written to the socket (after compression)", traffic::sent);
        counter(registry, "deltasync.bytes.received", "Bytes read from the socket", traffic::received);
        counter(registry, "deltasync.cycles", "Sync cycles run", cycles::sum);
        counter(registry, "deltasync.files.synced", "Files created, updated or renamed on either side", files::sum);
        counter(registry, "deltasync.bytes.literal", "File bytes transferred as new data", literal::sum);
        counter(registry, "deltasync.bytes.matched",
                "File bytes rebuilt from the old version instead of transferred (saved vs whole-file copy)",
                matched::sum);
        counter(registry, "deltasync.conflicts", "Conflicts (the loser is kept as a conflict copy)", conflicts::sum);
        counter(registry, "deltasync.deletes", "Files deleted on either side", deletes::sum);
        counter(registry, "deltasync.file.errors", "Files that could not be synced in a cycle", fileErrors::sum);
        Gauge.builder(peersName, this, metrics -> peers.getAsInt()).description(peersHelp).register(registry);
        Gauge.builder("deltasync.queue.depth", this, metrics -> queueDepth.getAsInt())
                .description("Requests on the wire not yet answered").register(registry);
        Gauge.builder("deltasync.sync.lag", this, metrics -> syncLagMs.getAsLong()).baseUnit("milliseconds")
                .description("Age of the oldest change not yet reconciled (0 when in sync)").register(registry);
        IntSupplier waiting = handshakesWaiting;
        if (waiting != null) {
            Gauge.builder("deltasync.handshakes.waiting", this, metrics -> waiting.getAsInt())
                    .description("Connections accepted and not authenticated yet").register(registry);
        }
        LongSupplier busy = handshakesBusy;
        if (busy != null) {
            counter(registry, "deltasync.handshakes.busy",
                    "Connections told the server is busy and when to come back (too many waiting to authenticate)", busy);
        }
    }

    /** Meters hold their source weakly: it must be this long-lived object, not a throw-away lambda. */
    private void counter(MeterRegistry registry, String name, String help, LongSupplier value) {
        FunctionCounter.builder(name, this, metrics -> value.getAsLong()).description(help).register(registry);
    }
}
