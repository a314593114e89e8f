package dev.deltasync.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.engine.DefaultCamelBeanPostProcessor;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceLoader;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceSupport;

import dev.deltasync.camel.AppliedChange;
import dev.deltasync.camel.RoleBeans;
import dev.deltasync.camel.WatchConfiguration;

/**
 * Before Camel starts: binds a role's beans and the watch beans into the Camel registry and loads the role's YAML
 * routes. Once Camel runs it starts the role, and it closes the role when Camel stops (after its routes, so no route
 * sees a closed store). Each change the role applies is handed to {@code changes} on a thread of its own, so a slow
 * listener never holds up a sync.
 */
final class RoleCamelSetup implements CamelContextConfiguration {

    private final String name;
    private final Supplier<RoleBeans> roles;
    private final Consumer<AppliedChange> changes;
    private RoleBeans role;

    RoleCamelSetup(String name, Supplier<RoleBeans> roles, Consumer<AppliedChange> changes) {
        this.name = name;
        this.roles = roles;
        this.changes = changes;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        role = roles.get();
        try {
            role.configured(context);
            ExecutorService events = context.getExecutorServiceManager()
                    .newSingleThreadExecutor(this, "deltasync-" + name + "-events");
            role.onChange(change -> events.execute(() -> changes.accept(change)));
            context.addService(new Closer(role, events, context), true, true);
            role.beans().forEach(context.getRegistry()::bind);
            applyWatchConfiguration(context);
            PluginHelper.getRoutesLoader(context).loadRoutes(routes(context, role.routes()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up deltasync's " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        role.started(context);
    }

    /** The role's YAML routes, from a comma-separated list of locations. */
    private static Resource[] routes(CamelContext context, String locations) {
        ResourceLoader loader = PluginHelper.getResourceLoader(context);
        List<Resource> resources = new ArrayList<>();
        for (String location : locations.split(",")) {
            resources.add(loader.resolveResource(location.trim()));
        }
        return resources.toArray(Resource[]::new);
    }

    /** What camel-main does with a configuration class: inject its properties, bind its @BindToRegistry beans. */
    private static void applyWatchConfiguration(CamelContext context) throws Exception {
        WatchConfiguration watch = new WatchConfiguration();
        DefaultCamelBeanPostProcessor processor = new DefaultCamelBeanPostProcessor(context);
        processor.postProcessBeforeInitialization(watch, "watchConfiguration");
        processor.postProcessAfterInitialization(watch, "watchConfiguration");
        watch.configure(context);
    }

    private static final class Closer extends ServiceSupport {
        private final RoleBeans role;
        private final ExecutorService events;
        private final CamelContext context;

        Closer(RoleBeans role, ExecutorService events, CamelContext context) {
            this.role = role;
            this.events = events;
            this.context = context;
        }

        @Override
        protected void doStop() throws Exception {
            try {
                role.close();
            } finally {
                context.getExecutorServiceManager().shutdownGraceful(events);
            }
        }
    }
}
