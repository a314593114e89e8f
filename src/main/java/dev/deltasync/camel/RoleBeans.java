package dev.deltasync.camel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

import dev.deltasync.inspect.FolderRecord;
import dev.deltasync.inspect.LiveFacts;
import dev.deltasync.watch.PendingPaths;
import dev.deltasync.wire.ByteCounter;
import dev.deltasync.wire.TlsSettings;
import dev.deltasync.wire.WireCodecs;

/**
 * The beans deltasync's YAML routes name, for one role, built from the resolved {@code deltasync.*}
 * properties. Both launchers use it: camel-main ({@link DeltaSyncRunner}) and the Spring Boot console,
 * so every bean exists in exactly one place. Bind {@link #beans()} into the Camel registry, load the
 * routes of {@link #routes()} plus the watch beans of {@link WatchConfiguration}, call
 * {@link #configured(CamelContext)} once the context exists and before it starts (the role's threads and services
 * are the context's), {@link #started(CamelContext)} once Camel runs, and {@link #close()} after it stopped.
 */
public final class RoleBeans implements AutoCloseable {

    public static final String SERVER_ROUTES = "classpath:routes/server.camel.yaml,classpath:routes/watch.camel.yaml";
    public static final String CLIENT_ROUTES = "classpath:routes/client.camel.yaml,classpath:routes/watch.camel.yaml";
    /** The client without live watching ({@code client --once}). */
    static final String CLIENT_ONCE_ROUTES = "classpath:routes/client.camel.yaml";
    /** How often a manifest request waiting for the server's watcher looks again (a few checks of a few paths). */
    private static final long CATCH_UP_CHECK_MS = 20;

    private final Map<String, Object> beans = new LinkedHashMap<>();
    private final String routes;
    private final AutoCloseable resource;
    private final Consumer<CamelContext> onStart;
    private final ClientParts client;
    private StatusRegistration status;
    private volatile Consumer<AppliedChange> changes = change -> { };
    private final PeerThreads threads;
    private Consumer<CamelContext> onConfigure = ctx -> { };

    private RoleBeans(String routes, AutoCloseable resource, Consumer<CamelContext> onStart, ClientParts client,
                      PeerThreads threads) {
        this.threads = threads;
        this.routes = routes;
        this.resource = resource;
        this.onStart = onStart;
        this.client = client;
    }

    /** The server's beans; opens the shared folder's state store. */
    public static RoleBeans server(Map<String, String> props) {
        Settings settings = new Settings(props);
        ByteCounter traffic = new ByteCounter();
        Map<String, Object> wire = wireBeans(settings, traffic, false);
        PeerThreads threads = new PeerThreads().installThreads(
                (int) settings.number("install-threads", PeerThreads.DEFAULT_INSTALL_THREADS));
        ServerFolder folder = ServerFolder.open(settings, threads);
        ServerHub hub = new ServerHub(folder, settings.number("heartbeat-ms", 5000), threads,
                HandshakeGuard.Limits.of(settings));
        SyncMetrics metrics = SyncMetrics.server(traffic, hub::connectedClients).withQueueDepth(hub::pendingRequests)
                .withHandshakesWaiting(hub.handshakeGuard()::waiting).withHandshakesBusy(hub.handshakeGuard()::busySent);
        FolderRecord record = FolderRecord.starting(folder.folder().root(), "server")
                .set("address", settings.text("bind", "127.0.0.1") + ":" + settings.number("port", 7070))
                .set("mode", Integer.toString(folder.mode().number()))
                .set("tls", settings.flag("tls") ? "on" : "off")
                .set("live.clients", "");
        record.write();
        hub.onClients(new java.util.function.Consumer<>() {
            private List<String> last = List.of();

            @Override
            public void accept(List<String> clients) {
                if (!clients.equals(last)) {
                    last = clients;
                    record.set("live.clients", String.join("; ", clients)).write();
                }
            }
        });
        AutoCloseable resources = () -> {
            hub.stop();
            folder.close();
            record.stopped();
        };
        String listening = "Listening on " + settings.text("bind", "127.0.0.1") + ":" + settings.number("port", 7070)
                + " (mode " + folder.mode().number() + ", folder " + folder.folder().root() + ", TLS "
                + (settings.flag("tls") ? "on" : "off") + ", " + (folder.secret().isEmpty() ? "no secret" : "secret required")
                + ")";
        RoleBeans role = new RoleBeans(SERVER_ROUTES, resources, ctx -> {
            org.slf4j.LoggerFactory.getLogger(ServerHub.class).info(listening);
            folder.indexInBackground();
        }, null, threads);
        role.onConfigure = ctx -> {
            addService(ctx, hub.service());
            // looked up when first needed: the watch beans are bound while the context is configured
            dev.deltasync.watch.ScanCatchUp catchUp = new dev.deltasync.watch.ScanCatchUp(
                    () -> ctx.getRegistry().lookupByNameAndType(WatchConfiguration.PENDING_PATHS, PendingPaths.class),
                    hub::scheduler, dev.deltasync.watch.ScanCatchUp.maxWaitFor(settings.number("quiet-ms", 1000)),
                    CATCH_UP_CHECK_MS, folder.folder().applied()::isEcho);
            folder.caughtUpBy(catchUp);
            hub.caughtUpBy(catchUp);
            ScheduledExecutorService ticker = threads.scheduler(hub, "deltasync-progress");
            folder.folder().progress().tickEvery(ticker, new LiveFacts(record, folder.folder().progress()));
        };
        ServerStatus status = new ServerStatus(folder, hub, traffic, (int) settings.number("port", 7070));
        role.status = StatusRegistration.server(status, settings.number("port", 7070));
        Path root = folder.folder().root();
        ServerChangeLog changeLog = new ServerChangeLog();
        ChangeAttribution attribution = new ChangeAttribution(changes -> {
            changeLog.log(changes);
            for (ChangeAttribution.Attributed applied : changes) {
                status.applied(applied.change());
                role.changes.accept(new AppliedChange(applied.change(), absolute(root, applied.change()),
                        applied.peer(), folder.mode().number()));
            }
        });
        folder.folder().onChange(attribution::applied);
        hub.attributeChanges(attribution);
        role.beans.putAll(wire);
        role.beans.put("deltasyncMetrics", metrics);
        role.beans.put("deltasyncHealth", PeerHealthCheck.server(hub,
                settings.text("bind", "127.0.0.1") + ":" + settings.number("port", 7070)));
        role.beans.put("serverHub", hub);
        role.beans.put(WatchConfiguration.FOLDER_CHANGES, folder.folder().applied());
        role.beans.put("serverDecoders", withEvents(WireCodecs.decoders(settings.maxFrame(), traffic,
                hub.handshakeGuard()), hub));
        return role;
    }

    /** The client's beans; opens the folder's state store. {@link #started} connects to the server. */
    public static RoleBeans client(Map<String, String> props) {
        Settings settings = new Settings(props);
        ByteCounter traffic = new ByteCounter();
        Map<String, Object> wire = wireBeans(settings, traffic, true);
        PeerThreads threads = new PeerThreads().installThreads(
                (int) settings.number("install-threads", PeerThreads.DEFAULT_INSTALL_THREADS));
        ClientParts parts = ClientParts.open(settings, traffic, threads);
        SyncMetrics metrics = SyncMetrics.client(traffic, () -> parts.link().current() == null ? 0 : 1)
                .withQueueDepth(parts.sync()::pendingRequests).withSyncLag(parts.sync()::lagMs);
        FolderRecord record = FolderRecord.starting(settings.dir(), "client")
                .set("address", settings.text("host", "127.0.0.1") + ":" + settings.number("port", 7070));
        parts.sync().onReport(metrics::recordCycle);
        // written by the next once-a-second check (LiveFacts) or the stop, not by each cycle: a live client runs one
        // per push, and the rewrite was an eighth of the cycles' CPU in a fan-out to many clients
        parts.sync().onCycle((server, report) -> record
                .set("last-sync", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .set("last-result", !report.refusal().isEmpty() ? "refused: " + report.refusal()
                        : report.ok() ? "ok" : report.errors().size() + " not synced: " + String.join("; ", report.errors()))
                .set("last-summary", report.summaryLine())
                .set("server-id", server.serverId())
                .set("mode", Integer.toString(server.mode().number())));
        parts.closeAlso(record::stopped);
        LiveFacts live = new LiveFacts(record, parts.sync().folder().progress())
                .fact("live.connected", () -> parts.link().current() != null ? "yes" : "no, reconnecting");
        ClientStatus status = new ClientStatus(settings.dir().toAbsolutePath().normalize().toString(),
                settings.text("host", "127.0.0.1") + ":" + settings.number("port", 7070), parts.link(), traffic);
        parts.sync().onReport(status::recordCycle);
        RoleBeans role = new RoleBeans(CLIENT_ROUTES, parts, ctx -> {
            PendingPaths pending = ctx.getRegistry().lookupByNameAndType(WatchConfiguration.PENDING_PATHS,
                    PendingPaths.class);
            if (pending != null) {
                status.pendingPaths(pending::size);
            }
            if (pending != null) {
                live.fact("live.pending", () -> LiveFacts.list(pending.describe()));
            }
            parts.link().onReady(parts.sync()::requestCycle);
            addService(ctx, parts.link().service(ctx));
        }, parts, threads);
        // progress lines and the live facts also run for client --once, which does not call started()
        role.onConfigure = ctx -> {
            parts.sync().scanAhead(threads.background());
            ScheduledExecutorService ticker = threads.scheduler(parts, "deltasync-progress");
            parts.sync().folder().progress().tickEvery(ticker, live);
        };
        role.status = StatusRegistration.client(status);
        Path root = parts.sync().folder().root();
        parts.sync().folder().onChange(change -> {
            ServerInfo server = parts.link().current();
            role.changes.accept(new AppliedChange(change, absolute(root, change), server == null ? "" : server.serverId(),
                    server == null ? -1 : server.mode().number()));
        });
        role.beans.putAll(wire);
        role.beans.put("deltasyncMetrics", metrics);
        role.beans.put("deltasyncHealth", PeerHealthCheck.client(parts.link(),
                settings.text("host", "127.0.0.1") + ":" + settings.number("port", 7070)));
        role.beans.put("clientLink", parts.link());
        role.beans.put("clientEventLoop", parts.link().eventLoop());
        role.beans.put("clientSync", parts.sync());
        role.beans.put(WatchConfiguration.FOLDER_CHANGES, parts.sync().applied());
        role.beans.put("clientDecoders", withEvents(WireCodecs.decoders(settings.maxFrame(), traffic), parts.link()));
        return role;
    }

    /** {@code server} or {@code client}, as named by the property {@code deltasync.role}. */
    public static RoleBeans of(String role, Map<String, String> props) {
        return switch (role) {
            case "server" -> server(props);
            case "client" -> client(props);
            default -> throw new IllegalArgumentException("deltasync.role must be server or client, not '" + role + "'");
        };
    }

    /**
     * Tells {@code listener} every file change a sync applies to this side's folder, on the thread that applied
     * it (see {@link dev.deltasync.folder.FolderChange}).
     */
    public void onChange(Consumer<AppliedChange> listener) {
        this.changes = listener;
    }

    private static Path absolute(Path root, dev.deltasync.folder.FolderChange change) {
        return root.toAbsolutePath().resolve(change.path()).normalize();
    }

    /** Bean name → bean, for the Camel registry. */
    public Map<String, Object> beans() {
        return Map.copyOf(beans);
    }

    /** Value for {@code camel.main.routes-include-pattern}. */
    public String routes() {
        return routes;
    }

    /**
     * Call once the Camel context exists, before it starts: the role's thread pools come from its
     * ExecutorServiceManager, and the server's hub becomes one of its services.
     */
    public void configured(CamelContext context) {
        threads.attach(context);
        onConfigure.accept(context);
    }

    /** Starts {@code service} with the context (at once if it runs) and stops it when the context stops. */
    static void addService(CamelContext context, Object service) {
        try {
            context.addService(service, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + service + ": " + e.getMessage(), e);
        }
    }

    /**
     * Call once the Camel context has started: deltasync's meters go on its meter registry, its health check
     * learns the context, and a client connects to its server.
     */
    public void started(CamelContext context) {
        if (beans.get("deltasyncMetrics") instanceof SyncMetrics metrics) {
            publish(metrics, context);
        }
        if (beans.get("deltasyncHealth") instanceof PeerHealthCheck health) {
            health.setCamelContext(context);
        }
        status.register();
        onStart.accept(context);
    }

    /** The client's link and sync; null for a server. */
    ClientParts clientParts() {
        return client;
    }

    @Override
    public void close() throws Exception {
        status.unregister();
        resource.close();
    }

    /** On the meter registry Camel uses (camel-main's metrics, or Spring Boot's), when there is exactly one. */
    private static void publish(SyncMetrics metrics, CamelContext context) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            metrics.bindTo(registry);
        }
    }

    /** Built before any folder is opened, so a bad TLS setting leaves nothing open. */
    private static Map<String, Object> wireBeans(Settings settings, ByteCounter traffic, boolean isClient) {
        return Map.of("wireEncoders", WireCodecs.encoders(settings.maxFrame(), traffic),
                "tlsParameters", tlsParameters(settings, isClient));
    }

    private static SSLContextParameters tlsParameters(Settings settings, boolean isClient) {
        TlsSettings tls = new TlsSettings(settings.flag("tls"), settings.text("tls-keystore", null),
                settings.text("tls-keystore-password", ""), settings.text("tls-truststore", null),
                settings.text("tls-truststore-password", ""));
        if (!tls.enabled()) {
            return new SSLContextParameters();
        }
        return isClient ? tls.clientParameters() : tls.serverParameters();
    }

    private static List<ChannelHandler> withEvents(List<ChannelHandler> decoders, ChannelEvents.Listener listener) {
        List<ChannelHandler> all = new ArrayList<>(decoders);
        all.add(new ChannelEvents(listener));
        return all;
    }
}
