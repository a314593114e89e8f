package dev.deltasync.camel;

import static org.awaitility.Awaitility.await;

import dev.deltasync.watch.ChangeBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * Starts the real camel-main launcher with routes/watch.camel.yaml and WatchConfiguration on a
 * folder; the lead's consumer of direct:local-changes is replaced by a recorder + mock:changes.
 */
final class WatchRoutesHarness implements AutoCloseable {

    /** A batch as it arrived: when, and the size of each changed file at that moment (-1: absent). */
    record Arrival(ChangeBatch batch, long atNanos, Map<String, Long> sizes) { }

    private final Main main = new Main();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    WatchRoutesHarness(Path folder, Map<String, String> properties) throws Exception {
        main.configure().addConfiguration(WatchConfiguration.class);
        main.configure().withRoutesIncludePattern("classpath:routes/watch.camel.yaml");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:local-changes").routeId("test-local-changes")
                        .process(e -> record(folder, e.getMessage().getBody(ChangeBatch.class)))
                        .to("mock:changes");
            }
        });
        main.addOverrideProperty("deltasync.dir", folder.toString());
        properties.forEach(main::addOverrideProperty);
        main.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> arrivals.stream().anyMatch(a -> a.batch().fullRescan()));
        arrivals.clear();
    }

    /** Batches received since start-up, the start-up full rescan excluded. */
    List<ChangeBatch> batches() {
        return arrivals.stream().map(Arrival::batch).toList();
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    List<ChangeBatch> batchesCovering(String path) {
        return batches().stream().filter(b -> b.covers(path)).toList();
    }

    void forget() {
        arrivals.clear();
    }

    Main main() {
        return main;
    }

    @Override
    public void close() {
        main.stop();
    }

    private void record(Path folder, ChangeBatch batch) throws IOException {
        long now = System.nanoTime();
        Map<String, Long> sizes = new HashMap<>();
        for (String path : batch.changedPaths()) {
            Path file = folder.resolve(path);
            sizes.put(path, Files.isRegularFile(file) ? Files.size(file) : -1L);
        }
        arrivals.add(new Arrival(batch, now, sizes));
    }
}
