package dev.deltasync.camel;

import java.nio.file.Path;
import java.util.Map;

/** Typed access to the {@code deltasync.*} properties the launcher resolved (see dev/deltasync/application.properties). */
record Settings(Map<String, String> props) {

    String text(String name, String fallback) {
        String value = props.get("deltasync." + name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    long number(String name, long fallback) {
        return Long.parseLong(text(name, Long.toString(fallback)));
    }

    double decimal(String name, double fallback) {
        return Double.parseDouble(text(name, Double.toString(fallback)));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(text(name, "false"));
    }

    Path dir() {
        return Path.of(text("dir", "."));
    }

    int maxFrame() {
        return (int) number("max-frame", 4 * 1024 * 1024);
    }
}
