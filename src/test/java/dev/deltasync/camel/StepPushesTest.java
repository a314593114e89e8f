package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.TestThreads;
import dev.deltasync.manifest.ManifestHistory;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.Trash;
import dev.deltasync.wire.PushedStep;
import dev.deltasync.wire.WireLimits;

/**
 * The first push of a server process, for a change a client uploaded (no version before it is named), carries the
 * step from the version the clients were last answered, so live clients take it without asking.
 */
class StepPushesTest {

    @TempDir
    Path root;
    private final TestThreads threads = new TestThreads();
    private final ManifestHistory history = new ManifestHistory();
    private LocalFolder folder;

    @BeforeEach
    void open() throws IOException {
        folder = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root), threads);
    }

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void theFirstPushOfAnUploadStartsFromTheVersionTheClientsWereAnswered() throws IOException {
        Files.writeString(root.resolve("seed.txt"), "seed\n");
        String held = history.answer("", folder.scan().entries()).version(); // the clients' first sync
        StepPushes pushes = new StepPushes(history, folder, WireLimits.DEFAULT_MAX_FRAME);

        // before: no push had named a version yet, so the first went without its step (every client asked)
        PushedStep first = pushes.step(upload("fanout.txt", "round 1\n"));
        PushedStep second = pushes.step(upload("fanout.txt", "round 2, longer\n"));

        assertThat(first).isNotNull();
        assertThat(first.basedOn()).isEqualTo(held);
        assertThat(first.contents()).extracting(PushedStep.Content::path).containsExactly("fanout.txt");
        assertThat(second.basedOn()).isEqualTo(first.version());
    }

    @Test
    void aPushMadeBeforeAnyClientWasAnsweredDoesNotKeepTheNextFromCarryingItsStep() throws IOException {
        StepPushes pushes = new StepPushes(history, folder, WireLimits.DEFAULT_MAX_FRAME);
        Files.writeString(root.resolve("seed.txt"), "seed\n");
        assertThat(pushes.step(history.currentVersion())).isNull(); // the server's watcher, no client yet
        String held = history.answer("", folder.scan().entries()).version();

        // before: that push's version (no client's) was where the next step had to start, so it had none
        PushedStep first = pushes.step(upload("fanout.txt", "round 1\n"));

        assertThat(first).isNotNull();
        assertThat(first.basedOn()).isEqualTo(held);
    }

    @Test
    void withNoClientAnsweredYetThereIsNoStep() throws IOException {
        StepPushes pushes = new StepPushes(history, folder, WireLimits.DEFAULT_MAX_FRAME);

        assertThat(pushes.step(upload("a.txt", "a\n"))).isNull();
    }

    /** Installs a file as a client's upload does and records it; returns the "before" such a push names (none). */
    private String upload(String path, String content) throws IOException {
        Files.write(root.resolve(path), content.getBytes(StandardCharsets.UTF_8));
        history.record(List.of(folder.current(path)), List.of());
        return "";
    }
}
