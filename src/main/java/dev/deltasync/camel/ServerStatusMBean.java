package dev.deltasync.camel;

/** JMX view of a running server ({@code deltasync:type=Server,port=N}). */
public interface ServerStatusMBean {

    String getFolder();

    int getPort();

    /** 0 union/client wins, 1 union/server wins, 2 client mirrors to server, 3 server mirrors to client. */
    int getMode();

    int getConnectedClients();

    /** One line per connected client: its folder id, address and when it was last heard. */
    String[] getClients();

    /** The version of the folder's manifest; it grows with every change a client makes here. */
    long getManifestVersion();

    /** Files in the folder's manifest as last served. */
    long getFiles();

    /** Files clients created or updated here. */
    long getFilesReceived();

    long getBytesReceived();

    long getBytesSent();
}
