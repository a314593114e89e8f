package dev.deltasync.camel;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.client.SyncCycle;
import dev.deltasync.rsync.RefinePolicy;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.wire.ByteCounter;

/** The client's beans: its folder and state, the link to the server and the sync that uses both. */
record ClientParts(SyncStateStore state, ClientLink link, ClientSync sync, java.util.List<Runnable> onClose)
        implements AutoCloseable {

    static ClientParts open(Settings settings, ByteCounter traffic, PeerThreads threads) {
        String clientId = FolderSetup.identity(settings.dir());
        SyncStateStore state = FolderSetup.openState(settings.dir());
        LocalFolder folder = FolderSetup.localFolder(settings.dir(), state, settings, threads);
        folder.partials().sweep();
        folder.partials().recoverIncoming(dev.deltasync.client.CutDownloads.recovery(folder));
        ClientSettings link = new ClientSettings(settings.text("host", "127.0.0.1"), (int) settings.number("port", 7070),
                clientId, settings.text("secret", ""), settings.maxFrame(),
                settings.number("heartbeat-ms", 5000), settings.number("reconnect-min-ms", 500),
                settings.number("reconnect-max-ms", 30000), 30_000, settings.flag("tls"));
        SyncCycle.DeleteGuardSettings guard = new SyncCycle.DeleteGuardSettings(
                settings.decimal("max-delete-share", 0.5), (int) settings.number("max-delete-min-files", 10),
                settings.flag("allow-mass-delete"));
        ClientLink clientLink = new ClientLink(link, threads);
        return new ClientParts(state, clientLink, new ClientSync(clientLink, folder, state, traffic, guard,
                settings.number("quiet-ms", 1000), threads).localRoundTripMillis(settings.number("local-round-trip-ms",
                RefinePolicy.LOCAL_NANOS / 1_000_000)), new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    /** Runs {@code action} once the client has stopped. */
    void closeAlso(Runnable action) {
        onClose.add(action);
    }

    @Override
    public void close() {
        link.close();
        sync.stop();
        state.close();
        onClose.forEach(Runnable::run);
    }
}
