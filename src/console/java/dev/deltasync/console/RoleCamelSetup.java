package dev.deltasync.console;

import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.engine.DefaultCamelBeanPostProcessor;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.service.ServiceSupport;

import dev.deltasync.camel.RoleBeans;
import dev.deltasync.camel.WatchConfiguration;

/**
 * Binds a role's beans and the watch beans into the Camel registry before Camel starts, tells the role
 * once Camel runs, and closes it when Camel stops (after its routes, so no route sees a closed store).
 */
final class RoleCamelSetup implements CamelContextConfiguration {

    private final Supplier<RoleBeans> roles;
    private RoleBeans role;

    RoleCamelSetup(Supplier<RoleBeans> roles) {
        this.roles = roles;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        role = roles.get();
        try {
            role.configured(context);
            context.addService(new Closer(role), true, true);
            role.beans().forEach(context.getRegistry()::bind);
            applyWatchConfiguration(context);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up deltasync's beans: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        role.started(context);
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

        Closer(RoleBeans role) {
            this.role = role;
        }

        @Override
        protected void doStop() throws Exception {
            role.close();
        }
    }
}
