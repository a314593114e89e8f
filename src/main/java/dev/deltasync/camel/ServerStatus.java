package dev.deltasync.camel;

import java.util.concurrent.atomic.LongAdder;

import dev.deltasync.folder.FolderChange;
import dev.deltasync.wire.ByteCounter;

/** What a server's JMX view reads: its hub, its folder and its traffic. */
final class ServerStatus implements ServerStatusMBean {

    private final ServerFolder folder;
    private final ServerHub hub;
    private final ByteCounter traffic;
    private final int port;
    private final LongAdder received = new LongAdder();

    ServerStatus(ServerFolder folder, ServerHub hub, ByteCounter traffic, int port) {
        this.folder = folder;
        this.hub = hub;
        this.traffic = traffic;
        this.port = port;
    }

    void applied(FolderChange change) {
        if (change.type() == FolderChange.Type.ARRIVED || change.type() == FolderChange.Type.UPDATED) {
            received.increment();
        }
    }

    @Override
    public String getFolder() {
        return folder.folder().root().toAbsolutePath().toString();
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public int getMode() {
        return folder.mode().number();
    }

    @Override
    public int getConnectedClients() {
        return hub.connectedClients();
    }

    @Override
    public String[] getClients() {
        return hub.describeClients().toArray(String[]::new);
    }

    @Override
    public long getManifestVersion() {
        return folder.manifests().version();
    }

    @Override
    public long getFiles() {
        return folder.manifests().files();
    }

    @Override
    public long getFilesReceived() {
        return received.sum();
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
