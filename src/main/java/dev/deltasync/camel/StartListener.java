package dev.deltasync.camel;

import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Tells a role about camel-main's context: once it is configured (before any route starts) and once it has
 * started (routes are up, beans bound).
 */
final class StartListener extends MainListenerSupport {

    private final Consumer<CamelContext> configured;
    private final Consumer<CamelContext> action;

    StartListener(Consumer<CamelContext> configured, Consumer<CamelContext> action) {
        this.configured = configured;
        this.action = action;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        configured.accept(main.getCamelContext());
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        action.accept(main.getCamelContext());
    }
}
