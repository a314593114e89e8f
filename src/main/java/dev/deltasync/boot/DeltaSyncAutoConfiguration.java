package dev.deltasync.boot;

import java.util.Map;

import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.deltasync.camel.RoleBeans;
import dev.deltasync.cli.DeltaSyncCommand;
import dev.deltasync.config.ConfigSources;

/**
 * Runs a deltasync role inside a Spring Boot application with camel-spring-boot: {@code deltasync.role=server}
 * or {@code client} plus the {@code deltasync.*} settings ({@code dir}, {@code port}, {@code secret}, ...) are all
 * it needs. The role's YAML routes and beans are those of deltasync.jar, in the application's own Camel context;
 * each change a sync applies to the folder is published as a Spring event ({@link dev.deltasync.camel.AppliedChange}).
 */
@AutoConfiguration(afterName = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@ConditionalOnClass(CamelContextConfiguration.class)
@ConditionalOnProperty(prefix = "deltasync", name = "role")
public class DeltaSyncAutoConfiguration {

    @Bean
    CamelContextConfiguration deltasyncRole(ConfigurableEnvironment environment, ApplicationEventPublisher events) {
        Map<String, String> props = DeltaSyncProperties.from(environment);
        String role = props.getOrDefault(DeltaSyncProperties.ROLE, "");
        if (!"server".equals(role) && !"client".equals(role)) {
            throw new IllegalArgumentException("deltasync.role must be server or client, not '" + role + "'");
        }
        ConfigSources.embeddedOnly().keyCheck(DeltaSyncCommand.settingNames())
                .unknownKey(props.keySet(), "in the application's configuration").ifPresent(problem -> {
                    throw new IllegalArgumentException(problem);
                });
        if (props.getOrDefault("deltasync.dir", "").isBlank()) {
            throw new IllegalArgumentException("deltasync.role=" + role + " needs deltasync.dir, the shared folder");
        }
        return new RoleCamelSetup(role, () -> RoleBeans.of(role, props), events::publishEvent);
    }
}
