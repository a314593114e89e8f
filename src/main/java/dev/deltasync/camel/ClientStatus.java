package dev.deltasync.camel;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

import dev.deltasync.client.SyncReport;
import dev.deltasync.wire.ByteCounter;

/** What a client's JMX view reads: its link, the reports of its syncs and its traffic. */
final class ClientStatus implements ClientStatusMBean {

    private final String folder;
    private final String server;
    private final ClientLink link;
    private final ByteCounter traffic;
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder cycles = new LongAdder();
    private volatile IntSupplier pending = () -> 0;
    private volatile SyncReport last;
    private volatile Instant lastAt;

    ClientStatus(String folder, String server, ClientLink link, ByteCounter traffic) {
        this.folder = folder;
        this.server = server;
        this.link = link;
        this.traffic = traffic;
    }

    void recordCycle(SyncReport report) {
        cycles.increment();
        conflicts.add(report.conflicts());
        lastAt = Instant.now();
        last = report;
    }

    /** The watcher's count of paths waiting for their quiet period (none without live watching). */
    void pendingPaths(IntSupplier count) {
        this.pending = count;
    }

    @Override
    public String getFolder() {
        return folder;
    }

    @Override
    public String getServer() {
        return server;
    }

    @Override
    public boolean isConnected() {
        return link.current() != null;
    }

    @Override
    public String getServerId() {
        ServerInfo current = link.current();
        return current == null ? "" : current.serverId();
    }

    @Override
    public String getLastSyncResult() {
        SyncReport report = last;
        if (report == null) {
            return "never";
        }
        return report.ok() ? "ok" : report.errors().size() + " files not synced";
    }

    @Override
    public String getLastSyncTime() {
        Instant at = lastAt;
        return at == null ? "" : at.toString();
    }

    @Override
    public String getLastSummary() {
        SyncReport report = last;
        return report == null ? "" : report.summaryLine();
    }

    @Override
    public int getPendingPaths() {
        return pending.getAsInt();
    }

    @Override
    public long getConflicts() {
        return conflicts.sum();
    }

    @Override
    public long getSyncCycles() {
        return cycles.sum();
    }

    @Override
    public long getBytesReceived() {
        return traffic.received();
    }

    @Override
    public long getBytesSent() {
        return traffic.sent();
    }
}
