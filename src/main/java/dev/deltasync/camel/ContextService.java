package dev.deltasync.camel;

import org.apache.camel.support.service.ServiceSupport;

/**
 * Gives a bean the Camel context's lifecycle: started with the context (or at once when added to a running one)
 * and stopped with it. The bean itself is no {@link org.apache.camel.Service}: routes call it as a bean, and a
 * route's bean processor starts and stops the Service beans it calls with the route (the client restarts its
 * connection route on every reconnect).
 */
final class ContextService extends ServiceSupport {

    private final String name;
    private final Runnable start;
    private final Runnable stop;

    ContextService(String name, Runnable start, Runnable stop) {
        this.name = name;
        this.start = start;
        this.stop = stop;
    }

    @Override
    protected void doStart() {
        start.run();
    }

    @Override
    protected void doStop() {
        stop.run();
    }

    @Override
    public String toString() {
        return name;
    }
}
