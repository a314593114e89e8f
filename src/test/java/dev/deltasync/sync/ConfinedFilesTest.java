package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads and moves never go through a link, even one put in place after the path was checked. */
class ConfinedFilesTest {

    private static final String SECRET = "the-folder-id";

    @TempDir
    Path tmp;
    Path root;
    ConfinedFiles files;

    @BeforeEach
    void folder() throws IOException {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        Files.createDirectories(MetadataDir.of(root));
        Files.writeString(MetadataDir.folderIdFile(root), SECRET);
        files = new ConfinedFiles(new FolderPaths(root));
    }

    @Test
    void aLinkAtTheLastNameIsNotReadThrough() throws IOException {
        Files.createSymbolicLink(root.resolve("id"), root.getFileSystem().getPath(".deltasync/folder-id"));

        assertThatThrownBy(() -> files.openForReading("id")).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("'id'").hasMessageContaining("symbolic link");
    }

    @Test
    void aDirectorySwappedForALinkAfterTheCheckIsNotOpenedThrough() throws IOException {
        Files.createDirectories(root.resolve("d"));
        Files.writeString(root.resolve("d/folder-id"), "public");
        new FolderPaths(root).resolve("d/folder-id"); // the check passes: d is a real directory
        swapForLink(root.resolve("d"));

        assertThatThrownBy(() -> files.openParent("d/folder-id")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> files.openForReading("d/folder-id")).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("d/folder-id");
    }

    /** Another thread flips d between a directory and a link into .deltasync while it is read, over and over. */
    @Test
    void readsRacingADirectorySwappedForALinkNeverSeeTheMetadata() throws Exception {
        Path d = root.resolve("d");
        Path aside = root.resolve("d-real");
        Files.createDirectories(d);
        Files.writeString(d.resolve("folder-id"), "public");
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            while (!stop.get()) {
                try {
                    Files.move(d, aside);
                    Files.createSymbolicLink(d, root.getFileSystem().getPath(".deltasync"));
                    Files.delete(d);
                    Files.move(aside, d);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        swapper.start();
        int read = 0;
        try {
            for (int i = 0; i < 20_000; i++) {
                try (InputStream in = Channels.newInputStream(files.openForReading("d/folder-id"))) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("public");
                    read++;
                } catch (IOException refusedOrMissing) {
                    // refused (a link) or missing (moved aside): both fine, as long as the secret never shows
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertThat(read).as("some reads happened while d was a real directory").isPositive();
    }

    @Test
    void aMoveActsOnTheLinkNotOnItsTarget() throws IOException {
        Files.createSymbolicLink(root.resolve("m"), root.getFileSystem().getPath(".deltasync"));

        files.move("m", "m2");

        assertThat(Files.isSymbolicLink(root.resolve("m2"))).isTrue();
        assertThat(Files.isDirectory(MetadataDir.of(root), LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(MetadataDir.folderIdFile(root)).hasContent(SECRET);
    }

    @Test
    void aDeleteRemovesTheLinkOnly() throws IOException {
        Files.createSymbolicLink(root.resolve("m"), root.getFileSystem().getPath(".deltasync/folder-id"));

        files.deleteFile("m");

        assertThat(Files.exists(root.resolve("m"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(MetadataDir.folderIdFile(root)).hasContent(SECRET);
    }

    private void swapForLink(Path dir) throws IOException {
        Files.move(dir, dir.resolveSibling(dir.getFileName() + "-real"));
        Files.createSymbolicLink(dir, root.getFileSystem().getPath(".deltasync"));
    }
}
