package dev.deltasync.camel;

import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/** Runs an action once camel-main has started the context (routes are up, beans bound). */
final class StartListener extends MainListenerSupport {

    private final Consumer<CamelContext> action;

    StartListener(Consumer<CamelContext> action) {
        this.action = action;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        action.accept(main.getCamelContext());
    }
}
