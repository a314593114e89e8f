package dev.deltasync.console;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import dev.deltasync.cli.RoleLauncher;
import dev.deltasync.cli.StandaloneLauncher;

/** Runs a role as a Spring Boot application (see {@link ConsoleApplication}) until it is stopped. */
final class ConsoleLauncher implements RoleLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLauncher.class);

    private final String[] springArgs;

    ConsoleLauncher(String[] springArgs) {
        this.springArgs = springArgs.clone();
    }

    @Override
    public int server(Map<String, String> props) {
        return runUntilClosed(ConsoleApplication.settings("server", props));
    }

    @Override
    public int client(Map<String, String> props, boolean once) {
        if (once) {
            // one reconciliation has nothing to show in a console: it runs on camel-main, as in deltasync.jar
            return new StandaloneLauncher().client(props, true);
        }
        return runUntilClosed(ConsoleApplication.settings("client", props));
    }

    private int runUntilClosed(Map<String, Object> settings) {
        CountDownLatch closed = new CountDownLatch(1);
        try {
            ConfigurableApplicationContext context = ConsoleApplication.start(settings, springArgs);
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    closed.countDown();
                }
            });
            if (context.isActive()) {
                closed.await();
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (RuntimeException e) {
            LOG.error("deltasync console stopped: {}", e.getMessage());
            return 1;
        }
    }
}
