package dev.deltasync.boot;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/** The {@code deltasync.*} settings as Spring resolved them (command line, environment, properties files). */
final class DeltaSyncProperties {

    static final String PREFIX = "deltasync.";
    /** {@code server} or {@code client}: which of deltasync's beans and routes to run. */
    static final String ROLE = PREFIX + "role";

    private DeltaSyncProperties() {
    }

    static Map<String, String> from(ConfigurableEnvironment environment) {
        Map<String, String> props = new TreeMap<>();
        for (var source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(PREFIX) && !props.containsKey(name)) {
                        props.put(name, environment.getProperty(name, ""));
                    }
                }
            }
        }
        return props;
    }
}
