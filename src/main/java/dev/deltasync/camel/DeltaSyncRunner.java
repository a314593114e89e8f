package dev.deltasync.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.session.RemoteException;
import dev.deltasync.session.SyncReport;

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

    private DeltaSyncRunner(Map<String, String> props, String routes, boolean isClient) {
        this.isClient = isClient;
        this.props = props;
        this.settings = new Settings(props);
        this.main = new Main();
        main.setPropertyPlaceholderLocations("classpath:application.properties;optional=true,"
                + "file:application.properties;optional=true");
        props.forEach(main::addOverrideProperty);
        main.addOverrideProperty("camel.main.routes-include-pattern", routes);
    }

    public static DeltaSyncRunner server(Map<String, String> props) {
        DeltaSyncRunner runner = new DeltaSyncRunner(props, RoleBeans.SERVER_ROUTES, false);
        runner.bindServer();
        return runner;
    }

    public static DeltaSyncRunner client(Map<String, String> props) {
        return new DeltaSyncRunner(props, RoleBeans.CLIENT_ROUTES, true);
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
            SyncReport report = client.sync().runCycle(0, 0, 0);
            if (report == null) {
                System.err.println("deltasync: lost the connection to the server before the sync started");
                return EXIT_CONNECT;
            }
            System.out.println(report.summaryLine());
            report.errors().forEach(e -> System.err.println("not synced: " + e));
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
