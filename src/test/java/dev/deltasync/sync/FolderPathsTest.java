package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths and link targets judged on the real file system (issue 17, findings 1, 3 and 9). */
class FolderPathsTest {

    @TempDir
    Path tmp;
    Path root;
    FolderPaths paths;

    @BeforeEach
    void folder() throws IOException {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        Files.createDirectories(MetadataDir.of(root));
        Files.writeString(MetadataDir.folderIdFile(root), "the-folder-id\n");
        paths = new FolderPaths(root);
    }

    @Test
    void aPathThroughALinkIntoTheMetadataIsRefusedNamingThePath() throws IOException {
        link("m", ".deltasync");

        assertThatThrownBy(() -> paths.resolve("m/folder-id")).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("m/folder-id").hasMessageContaining("symbolic link m");
    }

    @Test
    void aPathThroughALinkIsRefusedEvenWhenTheLinkStaysInside() throws IOException {
        Files.createDirectories(root.resolve("real"));
        link("alias", "real");

        assertThatThrownBy(() -> paths.resolve("alias/new/f.txt")).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("alias/new/f.txt");
    }

    @Test
    void theLastNameIsNotFollowedAndMissingParentsAreFine() throws IOException {
        link("l", ".deltasync");

        assertThat(paths.resolve("l")).isEqualTo(root.resolve("l"));
        assertThat(paths.resolve("new/dir/f.txt")).isEqualTo(root.resolve("new/dir/f.txt"));
    }

    @Test
    void theMetadataNameIsRefusedAtAnyDepth() {
        for (String path : new String[] {".deltasync", ".deltasync/x", "sub/.deltasync/x", "a/.DELTASYNC"}) {
            assertThatThrownBy(() -> paths.resolve(path)).as(path).isInstanceOf(UnsafePathException.class)
                    .hasMessageContaining(path).hasMessageContaining("never synced");
        }
    }

    @Test
    void aLinkThatEscapesOnlyThroughAnotherLinkIsCaught() throws IOException {
        assertThat(paths.whyLinkEscapes("s", ".")).isNull();
        link("s", ".");

        assertThat(paths.whyLinkEscapes("t", "s/..")).contains("s/..").contains("out of the folder");
        assertThat(paths.whyLinkEscapes("t", "s/s/s/x")).isNull();
    }

    @Test
    void linkChainsAreFollowedToTheirEnd() throws IOException {
        Files.createDirectories(root.resolve("d"));
        link("a", "b");
        link("b", "d/c");
        link("d/c", "../..");

        assertThat(paths.whyLinkEscapes("x", "a")).contains("link a").contains("link b").contains("out of the folder");
        assertThat(paths.whyLinkEscapes("x", "b/..")).isNotNull();
    }

    @Test
    void aLoopOfLinksIsRefused() throws IOException {
        link("p", "q");
        link("q", "p");

        assertThat(paths.whyLinkEscapes("x", "p/f")).contains("more than 40 links");
    }

    @Test
    void targetsIntoTheMetadataOrOutsideAreRefused() throws IOException {
        Files.createDirectories(root.resolve("sub"));
        link("meta", ".deltasync");

        assertThat(paths.whyLinkEscapes("m", ".deltasync")).contains(".deltasync");
        assertThat(paths.whyLinkEscapes("sub/m", "../.deltasync/state.mv.db")).contains(".deltasync");
        assertThat(paths.whyLinkEscapes("x", "meta/folder-id")).contains("link meta").contains(".deltasync");
        assertThat(paths.whyLinkEscapes("x", "/etc/passwd")).contains("absolute");
        assertThat(paths.whyLinkEscapes("sub/x", "../../outside")).contains("out of the folder");
        assertThat(paths.whyLinkEscapes("sub/x", "../sub/./y")).isNull();
    }

    @Test
    void climbingOutOfANameThatDoesNotExistIsRefused() {
        assertThat(paths.whyLinkEscapes("t", "later/..")).contains("does not exist");
        assertThat(paths.whyLinkEscapes("t", "later/x")).isNull();
    }

    private void link(String at, String target) throws IOException {
        Files.createSymbolicLink(root.resolve(at), root.getFileSystem().getPath(target));
    }
}
