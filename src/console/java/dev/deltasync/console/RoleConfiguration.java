package dev.deltasync.console;

import java.util.Map;

import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.deltasync.camel.RoleBeans;

/**
 * deltasync's beans under Spring Boot: the same {@link RoleBeans} the camel-main launcher binds, for the
 * role named by {@code deltasync.role}. Routes come from {@code camel.main.routes-include-pattern}.
 */
@Configuration(proxyBeanMethods = false)
public class RoleConfiguration {

    @Bean
    CamelContextConfiguration deltasyncBeans(ConfigurableEnvironment environment) {
        Map<String, String> props = DeltaSyncProperties.from(environment);
        String role = props.getOrDefault(DeltaSyncProperties.ROLE, "");
        return new RoleCamelSetup(() -> RoleBeans.of(role, props));
    }
}
