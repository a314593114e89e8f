package dev.deltasync.camel;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.deltasync.session.LocalFolder;
import dev.deltasync.session.ManifestHistory;
import dev.deltasync.session.ServerContext;
import dev.deltasync.sync.Mode;
import dev.deltasync.sync.SyncStateStore;

/** The server's shared folder and identity, shared by all its client sessions. */
final class ServerFolder implements ServerContext, AutoCloseable {

    private final SyncStateStore state;
    private final LocalFolder folder;
    private final Mode mode;
    private final String secret;
    private final String serverId;
    private final int maxFrame;
    private final ManifestHistory manifests = new ManifestHistory();
    private final ExecutorService installer = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "deltasync-install");
        t.setDaemon(true);
        return t;
    });

    private ServerFolder(SyncStateStore state, LocalFolder folder, Mode mode, String secret, String serverId,
                         int maxFrame) {
        this.state = state;
        this.folder = folder;
        this.mode = mode;
        this.secret = secret;
        this.serverId = serverId;
        this.maxFrame = maxFrame;
    }

    static ServerFolder open(Settings settings) {
        String serverId = FolderSetup.identity(settings.dir());
        SyncStateStore state = FolderSetup.openState(settings.dir());
        LocalFolder folder = FolderSetup.localFolder(settings.dir(), state, settings);
        return new ServerFolder(state, folder, Mode.of((int) settings.number("mode", 0)), settings.text("secret", ""),
                serverId, settings.maxFrame());
    }

    @Override
    public LocalFolder folder() {
        return folder;
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public String secret() {
        return secret;
    }

    @Override
    public String serverId() {
        return serverId;
    }

    @Override
    public ManifestHistory manifests() {
        return manifests;
    }

    @Override
    public int maxFrame() {
        return maxFrame;
    }

    @Override
    public Executor installer() {
        return installer;
    }

    @Override
    public void close() {
        installer.shutdown();
        state.close();
    }
}
