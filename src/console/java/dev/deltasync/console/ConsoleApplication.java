package dev.deltasync.console;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The Spring Boot application of the console build: deltasync's own auto-configuration
 * ({@link dev.deltasync.boot.DeltaSyncAutoConfiguration}) runs the role named by {@code deltasync.role} with its YAML
 * routes and beans; Hawtio, actuator, Jolokia and Prometheus are set up by {@code application-console.properties}
 * (Spring profile {@code console}).
 */
@SpringBootApplication
public class ConsoleApplication {

    static final String PROFILE = "console";

    /** The role's settings as Spring properties: the command line's {@code deltasync.*} and the role. */
    static Map<String, Object> settings(String role, Map<String, String> props) {
        Map<String, Object> settings = new HashMap<>(props);
        settings.put("deltasync.role", role);
        return settings;
    }

    /** Starts the application; the given settings win over every properties file. */
    static ConfigurableApplicationContext start(Map<String, Object> settings, String... springArgs) {
        SpringApplication app = new SpringApplication(ConsoleApplication.class);
        app.setAdditionalProfiles(PROFILE);
        app.addInitializers(context -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("deltasync-command-line", settings)));
        return app.run(springArgs);
    }
}
