package dev.deltasync.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.rpc.RemoteException;
import dev.deltasync.client.OnceCycles;
import dev.deltasync.client.SyncReport;

/**
 * Starts deltasync as a camel-main application: picks the YAML routes of the role, binds the beans
 * they name, hands over the resolved {@code deltasync.*} settings, and runs until stopped (or, for
 * {@code client --once}, until one reconciliation is done).
 */
public final class DeltaSyncRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaSyncRunner.class);

    public static final int EXIT_OK = 0;
    public static final int EXIT_FILE_ERRORS = 1;
    public static final int EXIT_CONNECT = 3;

    private final boolean isClient;
    private final Main main;
    private final Map<String, String> props;
    private final Settings settings;
    private RoleBeans role;
    private ClientParts client;
    private final List<AutoCloseable> resources = new ArrayList<>();

    private static final String DEFAULTS = "classpath:" + dev.deltasync.config.ConfigSources.EMBEDDED_DEFAULTS;

    private DeltaSyncRunner(Map<String, String> props, String routes, boolean isClient, boolean standalone) {
        this.isClient = isClient;
        this.props = props;
        this.settings = new Settings(props);
        this.main = new Main();
        if (standalone) {
            // the process is deltasync: Camel's own keys (camel.*) may come from ./application.properties
            main.setPropertyPlaceholderLocations(DEFAULTS + ",file:application.properties;optional=true");
            main.addInitialProperty("camel.main.name", "deltasync");
            main.addInitialProperty("camel.main.shutdown-timeout", "5");
        } else {
            // inside a host application: nothing of the host's files, a context of its own
            main.setPropertyPlaceholderLocations(DEFAULTS);
            main.setShutdownStrategy(new SimpleMainShutdownStrategy()); // no JVM shutdown hook: the host stops it
            main.addOverrideProperty("camel.main.name", "deltasync-" + (isClient ? "client" : "server"));
            main.addOverrideProperty("camel.main.shutdown-timeout", "5");
        }
        props.forEach(main::addOverrideProperty);
        main.addOverrideProperty("camel.main.routes-include-pattern", routes);
    }

    public static DeltaSyncRunner server(Map<String, String> props) {
        DeltaSyncRunner runner = new DeltaSyncRunner(props, RoleBeans.SERVER_ROUTES, false, true);
        runner.bindServer();
        return runner;
    }

    public static DeltaSyncRunner client(Map<String, String> props) {
        return new DeltaSyncRunner(props, RoleBeans.CLIENT_ROUTES, true, true);
    }

    /**
     * A live server or client run inside another application (the {@code deltasync:} component): its own Camel
     * context named {@code deltasync-server} or {@code deltasync-client}, reading only the given properties
     * over the embedded defaults. Start it with {@link #start()}, stop it with {@link #close()}.
     */
    public static DeltaSyncRunner embedded(boolean isClient, Map<String, String> props) {
        DeltaSyncRunner runner = new DeltaSyncRunner(props, isClient ? RoleBeans.CLIENT_ROUTES
                : RoleBeans.SERVER_ROUTES, isClient, false);
        if (isClient) {
            runner.bindClient(true);
        } else {
            runner.bindServer();
        }
        return runner;
    }

    /** The role's beans (embedded runs: to follow the changes it applies). */
    public RoleBeans role() {
        return role;
    }

    /** Starts an {@link #embedded} role and returns once its routes run (a client then connects by itself). */
    public void start() throws Exception {
        main.addMainListener(new StartListener(role::configured, ctx -> { }));
        main.start();
        role.started(main.getCamelContext());
    }

    /** Stops an {@link #embedded} role: its routes, then its folder's state. */
    public void close() {
        if (client != null) {
            client.link().stop();
        }
        try {
            main.stop();
        } catch (Exception e) {
            LOG.warn("Stopping deltasync's routes: {}", e.getMessage());
        }
        closeResources();
    }

    private void bindServer() {
        bind(RoleBeans.server(props));
        main.configure().addConfiguration(WatchConfiguration.class);
    }

    private void bindClient(boolean watch) {
        bind(RoleBeans.client(props));
        client = role.clientParts();
        if (watch) {
            main.configure().addConfiguration(WatchConfiguration.class);
        } else {
            main.addOverrideProperty("camel.main.routes-include-pattern", RoleBeans.CLIENT_ONCE_ROUTES);
        }
    }

    private void bind(RoleBeans beans) {
        role = beans;
        resources.add(beans);
        beans.beans().forEach(main::bind);
    }

    /** Runs until Ctrl-C / SIGTERM. */
    public int runUntilStopped() {
        try {
            if (isClient) {
                bindClient(true);
            }
            main.addMainListener(new StartListener(role::configured, role::started));
            ManagementSettings.camelProperties(settings).forEach(main::addOverrideProperty);
            main.run();
            return main.getExitCode();
        } catch (Exception e) {
            LOG.error("deltasync stopped: {}", e.getMessage());
            return EXIT_FILE_ERRORS;
        } finally {
            closeResources();
        }
    }

    /** Makes {@link #runUntilStopped()} return, as Ctrl-C would. */
    public void stop() {
        main.completed();
    }

    /** {@code client --once}: connect, reconcile once, print the summary line, stop. */
    public int runOnce() {
        bindClient(false);
        client.sync().oneShot();
        try {
            main.addMainListener(new StartListener(role::configured, ctx -> { }));
            main.start();
            RoleBeans.addService(main.getCamelContext(), client.link().service(main.getCamelContext()));
            ServerInfo server = client.link().awaitReady(settings.number("connect-timeout-ms", 10000));
            if (server == null) {
                String problem = client.link().lastProblem();
                System.err.println("deltasync: cannot connect to " + settings.text("host", "127.0.0.1") + ":"
                        + settings.text("port", "7070") + (problem.isEmpty() ? "" : ": " + problem));
                return EXIT_CONNECT;
            }
            if (settings.flag("dry-run")) {
                return dryRun(server);
            }
            SyncReport report = new OnceCycles(() -> client.sync().runCycle(0, 0, 0), client.sync().folder(),
                    settings.number("quiet-ms", 1000)).run();
            if (report == null) {
                System.err.println("deltasync: lost the connection to the server before the sync started");
                return EXIT_CONNECT;
            }
            if (!report.refusal().isEmpty()) {
                System.err.println("deltasync: " + report.refusal());
                return EXIT_FILE_ERRORS;
            }
            System.out.println(report.summaryLine());
            report.errors().forEach(e -> System.err.println("not synced: " + e));
            if (!report.changedWhileSynced().isEmpty()) {
                System.err.println("deltasync: " + report.changedWhileSynced().size() + " file(s) kept changing while"
                        + " being synced (tried " + OnceCycles.ATTEMPTS + " times); run again once nothing writes them");
            }
            // the signatures of big files just synced make their next upload cheaper: let them be written
            client.sync().finishBackgroundWrites(java.time.Duration.ofMinutes(2));
            return report.ok() ? EXIT_OK : EXIT_FILE_ERRORS;
        } catch (RemoteException e) {
            System.err.println("deltasync: " + e.getMessage());
            return EXIT_CONNECT;
        } catch (Exception e) {
            System.err.println("deltasync: " + e.getMessage());
            return EXIT_FILE_ERRORS;
        } finally {
            client.link().stop();
            try {
                main.stop();
            } catch (Exception e) {
                LOG.debug("stopping Camel: {}", e.getMessage());
            }
            closeResources();
        }
    }

    /** {@code client --once --dry-run}: prints the plan and leaves both folders and both states as they were. */
    private int dryRun(ServerInfo server) throws java.io.IOException {
        java.util.List<dev.deltasync.sync.Plan> plans = new java.util.ArrayList<>();
        SyncReport report;
        try {
            report = client.sync().planCycle(plans::add);
        } finally {
            client.state().discardUncommitted();
        }
        if (report == null) {
            System.err.println("deltasync: lost the connection to the server before the plan was made");
            return EXIT_CONNECT;
        }
        if (plans.isEmpty()) {
            System.err.println("deltasync: " + String.join("; ", report.errors()));
            return EXIT_FILE_ERRORS;
        }
        dev.deltasync.sync.Plan plan = plans.get(0);
        System.out.println("dry run against " + settings.text("host", "127.0.0.1") + ":" + settings.text("port", "7070")
                + " (mode " + server.mode().number() + "):");
        dev.deltasync.inspect.PlanPrinter.lines(plan).forEach(System.out::println);
        report.errors().forEach(e -> System.out.println("skip      " + e));
        if (!settings.flag("allow-mass-delete")) {
            dev.deltasync.sync.MassDeleteGuard.check(plan, settings.decimal("max-delete-share", 0.5),
                    (int) settings.number("max-delete-min-files", 10))
                    .ifPresent(refusal -> System.out.println("note: a real sync would stop here: " + refusal.message()));
        }
        System.out.println(dev.deltasync.inspect.PlanPrinter.total(plan));
        return EXIT_OK;
    }

    private void closeResources() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing {}: {}", resource, e.getMessage());
            }
        }
        resources.clear();
    }
}
