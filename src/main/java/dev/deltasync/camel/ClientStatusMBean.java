package dev.deltasync.camel;

/** JMX view of a running client ({@code deltasync:type=Client,folder="..."}). */
public interface ClientStatusMBean {

    String getFolder();

    /** host:port of the server. */
    String getServer();

    boolean isConnected();

    /** The server's folder id ("" while not connected). */
    String getServerId();

    /** "ok", "N files not synced" or "never" before the first sync. */
    String getLastSyncResult();

    /** When the last sync finished (ISO-8601, "" before the first). */
    String getLastSyncTime();

    /** The last sync's summary line. */
    String getLastSummary();

    /** Local paths changed and not yet synced (waiting for their quiet period). */
    int getPendingPaths();

    /** Conflicts since start (each loser kept as a conflict copy). */
    long getConflicts();

    long getSyncCycles();

    long getBytesReceived();

    long getBytesSent();
}
