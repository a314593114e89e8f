package dev.deltasync.camel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns {@code deltasync.management-port} into camel-main's settings for its management HTTP server:
 * health at {@code /observe/health} (readiness {@code /ready}, liveness {@code /live}) and Prometheus
 * metrics at {@code /observe/metrics}, JMX over HTTP for Hawtio at {@code /observe/jolokia}. Port 0 (the default)
 * leaves the server off.
 */
final class ManagementSettings {

    private ManagementSettings() {
    }

    static Map<String, String> camelProperties(Settings settings) {
        long port = settings.number("management-port", 0);
        Map<String, String> camel = new LinkedHashMap<>();
        if (port <= 0) {
            return camel;
        }
        camel.put("camel.management.enabled", "true");
        camel.put("camel.management.port", Long.toString(port));
        camel.put("camel.management.host", settings.text("management-bind", "127.0.0.1"));
        camel.put("camel.management.health-check-enabled", "true");
        camel.put("camel.management.metrics-enabled", "true");
        camel.put("camel.management.jolokia-enabled", "true");
        camel.put("camel.health.exposure-level", "full");
        camel.put("camel.metrics.enabled", "true");
        camel.put("camel.metrics.binders", "jvm-memory,jvm-gc,jvm-thread,processor,uptime,file-descriptor");
        return camel;
    }
}
