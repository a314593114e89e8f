package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deltasync.watch.ChangeBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchRoutesTest {

    private static final int QUIET_MS = 300;

    @TempDir
    Path dir;
    private WatchRoutesHarness watch;

    @BeforeEach
    void start() throws Exception {
        watch = new WatchRoutesHarness(dir, Map.of("deltasync.quiet-ms", String.valueOf(QUIET_MS)));
    }

    @AfterEach
    void stop() {
        watch.close();
    }

    @Test
    void editorSaveThroughTempFileIsOneModificationOfTheTarget() throws Exception {
        Path target = dir.resolve("notes.txt");
        Files.writeString(target, "v1");
        await().atMost(Duration.ofSeconds(10)).until(() -> !watch.batchesCovering("notes.txt").isEmpty());
        watch.main().getCamelContext().getEndpoint("mock:changes", org.apache.camel.component.mock.MockEndpoint.class).reset();

        for (String temp : new String[] {".notes.txt.swp", "notes.txt~", "notes.txt.tmp"}) {
            Path tmp = dir.resolve(temp);
            Files.writeString(tmp, "saved through " + temp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !watch.batchesCovering("notes.txt").isEmpty());
        await().during(Duration.ofMillis(4 * QUIET_MS)).atMost(Duration.ofSeconds(10))
                .until(() -> watch.batchesCovering("notes.txt").size() == 1);
        assertThat(watch.batches()).flatMap(ChangeBatch::changedPaths).containsOnly("notes.txt");
        assertThat(Files.readString(target)).isEqualTo("saved through notes.txt.tmp");
    }
}
