package dev.deltasync.camel;

import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of deltasync itself: a server is ready while its connection route listens, a client while
 * it is connected and authenticated to its server. Liveness is left to Camel's own context check.
 */
final class PeerHealthCheck extends AbstractHealthCheck {

    private final Predicate<CamelContext> ready;
    private final String notReady;
    private final Supplier<Map<String, Object>> details;

    private PeerHealthCheck(Predicate<CamelContext> ready, String notReady, Supplier<Map<String, Object>> details) {
        super("deltasync", "deltasync");
        this.ready = ready;
        this.notReady = notReady;
        this.details = details;
    }

    static PeerHealthCheck server(ServerHub hub, String address) {
        return new PeerHealthCheck(
                ctx -> ctx.getRouteController().getRouteStatus("server-connections") == ServiceStatus.Started,
                "not listening on " + address,
                () -> Map.of("listen", address, "connected.clients", hub.connectedClients()));
    }

    static PeerHealthCheck client(ClientLink link, String server) {
        return new PeerHealthCheck(ctx -> link.current() != null, "not connected to " + server,
                () -> Map.of("server", server, "connected", link.current() != null));
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        details.get().forEach(builder::detail);
        CamelContext context = getCamelContext();
        if (context != null && ready.test(context)) {
            builder.up();
        } else {
            builder.message(notReady).down();
        }
    }
}
