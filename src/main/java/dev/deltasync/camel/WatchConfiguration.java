package dev.deltasync.camel;

import dev.deltasync.sync.AppliedChanges;
import dev.deltasync.watch.BatchPolicy;
import dev.deltasync.watch.DiskFileProbe;
import dev.deltasync.watch.EventGate;
import dev.deltasync.watch.PathDebouncer;
import dev.deltasync.watch.PendingPaths;
import dev.deltasync.watch.WatchSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * Beans used by {@code routes/watch.camel.yaml}. Register with
 * {@code main.configure().addConfiguration(WatchConfiguration.class)}; reads {@code deltasync.dir}
 * and the watch properties (all but the folder have defaults).
 */
public class WatchConfiguration implements CamelConfiguration {

    @PropertyInject("deltasync.dir")
    private String dir;
    @PropertyInject(value = "deltasync.quiet-ms", defaultValue = "1000")
    private long quietMillis;
    @PropertyInject(value = "deltasync.max-delay-ms", defaultValue = "30000")
    private long maxDelayMillis;
    @PropertyInject(value = "deltasync.batch-window-ms", defaultValue = "100")
    private long batchWindowMillis;
    @PropertyInject(value = "deltasync.dir-event-limit", defaultValue = "100")
    private int dirEventLimit;

    private final Clock clock = Clock.systemUTC();
    private final PendingPaths pending = new PendingPaths();
    private WatchSettings settings;
    private EventGate eventGate;
    private PathDebouncer debouncer;
    private BatchPolicy batchPolicy;

    /** Registry name of the folder's {@link AppliedChanges} (bound by RoleBeans): the gate drops our own echoes. */
    public static final String FOLDER_CHANGES = "folderChanges";

    @BindToRegistry("watchEventGate")
    public EventGate eventGate(CamelContext context) {
        if (eventGate != null) {
            return eventGate;
        }
        AtomicReference<AppliedChanges> found = new AtomicReference<>();
        eventGate = new EventGate(folder(), clock, path -> {
            AppliedChanges applied = found.get();
            if (applied == null) {
                applied = context.getRegistry().lookupByNameAndType(FOLDER_CHANGES, AppliedChanges.class);
                if (applied == null) {
                    return false; // watching without a sync side (tests): every event goes on
                }
                found.set(applied);
            }
            return applied.isEcho(path);
        });
        return eventGate;
    }

    @BindToRegistry("watchIntake")
    public WatchIntake intake(CamelContext context) {
        return new WatchIntake(eventGate(context), clock);
    }

    /** Registry name of the paths waiting for their quiet period (the client's JMX view counts them). */
    public static final String PENDING_PATHS = "watchPendingPaths";

    @BindToRegistry(PENDING_PATHS)
    public PendingPaths pendingPaths() {
        return pending;
    }

    @BindToRegistry("watchPathDebouncer")
    public PathDebouncer pathDebouncer() {
        if (debouncer == null) {
            debouncer = new PathDebouncer(settings(), new DiskFileProbe(folder()), clock, pending);
        }
        return debouncer;
    }

    @BindToRegistry("watchPathAggregation")
    public PathActivityAggregation pathAggregation() {
        return new PathActivityAggregation(pathDebouncer());
    }

    @BindToRegistry("watchBatchPolicy")
    public BatchPolicy batchPolicy() {
        if (batchPolicy == null) {
            batchPolicy = new BatchPolicy(settings(), pending, clock);
        }
        return batchPolicy;
    }

    @BindToRegistry("watchBatchAggregation")
    public ChangeBatchAggregation batchAggregation() {
        return new ChangeBatchAggregation(batchPolicy());
    }

    @BindToRegistry("watchFailures")
    public WatchFailureHandler failureHandler(CamelContext context) {
        return new WatchFailureHandler(folder().toString(), context.createProducerTemplate());
    }

    /** camel-main does not pick event notifiers from the registry: the advisor is added here. */
    @Override
    public void configure(CamelContext context) {
        context.getManagementStrategy().addEventNotifier(new WatchStartupAdvisor(folder().toString()));
    }

    private Path folder() {
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("deltasync.dir is not set: the folder to watch is required");
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    private WatchSettings settings() {
        if (settings == null) {
            settings = new WatchSettings(quietMillis, maxDelayMillis, batchWindowMillis, dirEventLimit);
        }
        return settings;
    }
}
