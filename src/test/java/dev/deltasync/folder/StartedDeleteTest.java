package dev.deltasync.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rpc.Pending;
import dev.deltasync.sync.ChangedSinceScanException;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.MetadataDir;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.Trash;

/**
 * A deletion of a plan removes the file at once (re-checked right before) and makes the removal durable on the
 * install threads, so that the next action need not wait for its directory's fsync.
 */
class StartedDeleteTest {

    @TempDir
    Path root;
    private final CountedInstalls threads = new CountedInstalls();
    private LocalFolder folder;

    @BeforeEach
    void open() throws IOException {
        folder = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root), threads);
    }

    @AfterEach
    void close() {
        threads.close();
    }

    /** Before, each deletion fsynced its directory on the cycle's thread before the next action could start. */
    @Test
    void theFileGoesAtOnceAndItsDirectorysFsyncRunsOnTheInstallThreads() throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/a.txt"), "a\n");
        Files.writeString(root.resolve("docs/b.txt"), "b\n");
        FileEntry a = folder.current("docs/a.txt");
        FileEntry b = folder.current("docs/b.txt");

        Pending<Void> first = folder.startDelete(a, false);
        Pending<Void> second = folder.startDelete(b, true);

        assertThat(root.resolve("docs/a.txt")).doesNotExist();
        assertThat(root.resolve("docs/b.txt")).doesNotExist();
        assertThat(threads.handedToInstallThreads()).as("fsyncs handed to the install threads").isEqualTo(2);
        first.await();
        second.await();
        try (var trashed = Files.walk(MetadataDir.of(root))) {
            assertThat(trashed.filter(Files::isRegularFile).filter(p -> p.toString().contains("trash"))
                    .map(StartedDeleteTest::readString)).containsExactly("b\n");
        }
    }

    @Test
    void aFileChangedSinceThePlanIsNotDeleted() throws IOException {
        Files.writeString(root.resolve("c.txt"), "first\n");
        FileEntry planned = folder.current("c.txt");
        Files.writeString(root.resolve("c.txt"), "changed meanwhile, and longer\n");

        assertThatThrownBy(() -> folder.startDelete(planned, false)).isInstanceOf(ChangedSinceScanException.class);

        assertThat(root.resolve("c.txt")).hasContent("changed meanwhile, and longer\n");
        assertThat(threads.handedToInstallThreads()).isZero();
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
