package dev.deltasync.console;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.deltasync.camel.RoleBeans;

/**
 * The Spring Boot application of the console build: camel-spring-boot runs deltasync's YAML routes
 * with the beans of {@link RoleConfiguration}; Hawtio, actuator and Jolokia are set up by
 * {@code application-console.properties} (Spring profile {@code console}).
 */
@SpringBootApplication
public class ConsoleApplication {

    static final String PROFILE = "console";

    /** The role's settings as Spring properties: the command line's {@code deltasync.*}, the role and its routes. */
    static Map<String, Object> settings(String role, Map<String, String> props) {
        Map<String, Object> settings = new HashMap<>(props);
        settings.put(DeltaSyncProperties.ROLE, role);
        settings.put("camel.main.routes-include-pattern",
                "server".equals(role) ? RoleBeans.SERVER_ROUTES : RoleBeans.CLIENT_ROUTES);
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
