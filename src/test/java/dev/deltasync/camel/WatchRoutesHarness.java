package dev.deltasync.camel;

import static org.awaitility.Awaitility.await;

import dev.deltasync.watch.ChangeBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;

/**
 * Starts the real camel-main launcher with routes/watch.camel.yaml and WatchConfiguration on a
 * folder, with the lead's consumer of direct:local-changes replaced by mock:changes.
 */
final class WatchRoutesHarness implements AutoCloseable {

    private final Main main = new Main();
    private final MockEndpoint changes;

    WatchRoutesHarness(Path folder, Map<String, String> properties) throws Exception {
        main.configure().addConfiguration(WatchConfiguration.class);
        main.configure().withRoutesIncludePattern("classpath:routes/watch.camel.yaml");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:local-changes").routeId("test-local-changes").to("mock:changes");
            }
        });
        main.addOverrideProperty("deltasync.dir", folder.toString());
        properties.forEach(main::addOverrideProperty);
        main.start();
        changes = main.getCamelContext().getEndpoint("mock:changes", MockEndpoint.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> batches().stream().anyMatch(ChangeBatch::fullRescan));
        changes.reset();
    }

    /** Batches received since start-up (the start-up full rescan excluded). */
    List<ChangeBatch> batches() {
        return changes.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getBody(ChangeBatch.class))
                .toList();
    }

    List<ChangeBatch> batchesCovering(String path) {
        return batches().stream().filter(b -> b.covers(path)).toList();
    }

    Main main() {
        return main;
    }

    @Override
    public void close() {
        main.stop();
    }
}
