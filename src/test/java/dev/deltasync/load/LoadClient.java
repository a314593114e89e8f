package dev.deltasync.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

import dev.deltasync.camel.RoleBeans;
import dev.deltasync.watch.ChangeBatch;

/**
 * One real deltasync client inside the load generator's JVM: the product's client beans and client routes
 * in their own camel-main context, connected and following the server's pushes. It runs without the folder
 * watcher (Linux allows 128 inotify instances per user by default, so a JVM cannot hold hundreds of watching
 * clients): an edit is written to disk and then handed to the client's {@code direct:local-changes} route,
 * exactly what the watcher does once a change has settled.
 */
final class LoadClient implements AutoCloseable {

    private static final String ROUTES = "classpath:routes/client.camel.yaml";
    /** The clients' quiet period (the product default is 1 s); an edit is reported this long after it was written. */
    static final long QUIET_MS = 200;
    /** Files a client installs side by side (the product's default is 64). */
    static final int INSTALL_THREADS = 4;

    private final int index;
    private final Path dir;
    private final Map<String, String> props = new HashMap<>();
    private Main main;
    private RoleBeans role;
    private ProducerTemplate changes;

    LoadClient(int index, Path dir, int port, String secret) {
        this.index = index;
        this.dir = dir;
        props.put("deltasync.dir", dir.toString());
        props.put("deltasync.host", "127.0.0.1");
        props.put("deltasync.port", Integer.toString(port));
        props.put("deltasync.rescan-ms", "0");
        props.put("deltasync.quiet-ms", Long.toString(QUIET_MS));
        props.put("deltasync.secret", secret);
        // each client stands for a machine of its own, but here they share one JVM: at the default 64 install
        // threads each, a burst of pushed files made ~18,000 threads for 300 clients, and 1,000 would pass pid_max
        props.put("deltasync.install-threads", Integer.toString(INSTALL_THREADS));
    }

    int index() {
        return index;
    }

    Path dir() {
        return dir;
    }

    void start() throws Exception {
        Files.createDirectories(dir);
        main = new Main();
        main.setPropertyPlaceholderLocations("classpath:application.properties;optional=true");
        props.forEach(main::addOverrideProperty);
        main.addOverrideProperty("camel.main.routes-include-pattern", ROUTES);
        main.addOverrideProperty("camel.main.jmx-enabled", "false");
        main.addOverrideProperty("camel.main.name", "load-client-" + index);
        role = RoleBeans.client(props);
        role.beans().forEach(main::bind);
        main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
            @Override
            public void afterConfigure(org.apache.camel.main.BaseMainSupport configured) {
                role.configured(configured.getCamelContext());
            }
        });
        main.start();
        role.started(main.getCamelContext());
    }

    /**
     * Writes {@code content} under {@code name} (atomically, as editors do). The client hears of it through
     * {@link #changed} once the quiet period is over, as from its watcher: a cycle leaves younger files alone.
     */
    void write(String name, byte[] content) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".load-tmp");
        Files.write(temp, content);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What the watcher reports once {@code name} has been quiet for {@link #QUIET_MS}. */
    synchronized void changed(String name) {
        if (changes == null) {
            changes = main.getCamelContext().createProducerTemplate();
        }
        changes.sendBody("direct:local-changes", new ChangeBatch(Set.of(name), Set.of(), false));
    }

    /** Whether the folder holds {@code name} with exactly {@code content}. */
    boolean holds(String name, byte[] content) {
        Path file = dir.resolve(name);
        try {
            return Files.size(file) == content.length && java.util.Arrays.equals(Files.readAllBytes(file), content);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (main != null) {
                main.stop();
            }
            if (role != null) {
                role.close();
            }
        } catch (Exception e) {
            System.err.println("client " + index + ": " + e.getMessage());
        }
    }
}
