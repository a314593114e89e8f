package dev.deltasync.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathGuardTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"", "../x", "a/../../x", "a/..", "..", "/etc/x", "//server/share", "\\x", "C:\\x",
            "C:x", "c:/x", "a:b", "a\\b", "a\u0000b", "a\nb", "tab\there", "del\u007F", ".", "./", "//", "././/"})
    void badPathsAreRefused(String path) {
        assertThatThrownBy(() -> PathGuard.normalize(path))
                .isInstanceOf(BadPathException.class)
                .hasMessageStartingWith("refused path '");
    }

    @Test
    void refusalNamesThePathAndTheReasonReadably() {
        assertThatThrownBy(() -> PathGuard.normalize("a\u0000b"))
                .hasMessage("refused path 'a\\u0000b': contains a NUL byte");
        assertThatThrownBy(() -> PathGuard.normalize("docs/../../etc/passwd"))
                .hasMessage("refused path 'docs/../../etc/passwd': contains a '..' segment");
    }

    @ParameterizedTest
    @CsvSource({"a.txt,a.txt", "./a.txt,a.txt", "a//b///c,a/b/c", "dir/,dir", "./x/./y,x/y",
            "..hidden/x..y,..hidden/x..y", "Ünïcödé/日本語.txt,Ünïcödé/日本語.txt", "ab:c,ab:c", "sub/C:x,sub/C:x"})
    void goodPathsAreNormalized(String path, String expected) {
        assertThat(PathGuard.normalize(path)).isEqualTo(expected);
    }

    @Test
    void resolvesInsideTheRoot() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("a"));

        assertThat(PathGuard.resolve(root, "a//b/c.txt")).isEqualTo(root.resolve("a").resolve("b").resolve("c.txt"));
    }

    @Test
    void refusesAParentThatIsASymlinkLeadingOutside() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertThatThrownBy(() -> PathGuard.resolve(root, "escape/new/file.txt"))
                .isInstanceOf(BadPathException.class)
                .hasMessageContaining("escape/new/file.txt")
                .hasMessageContaining("outside");
    }

    /** Links are synced as links, so no peer names a path through one: even one that stays inside is refused. */
    @Test
    void refusesAParentSymlinkEvenWhenItStaysInside() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));

        assertThatThrownBy(() -> PathGuard.resolve(root, "alias/f.txt"))
                .isInstanceOf(BadPathException.class)
                .hasMessageContaining("alias/f.txt")
                .hasMessageContaining("symbolic link alias");
    }

    /** Finding 1 of issue 17: m -> .deltasync, then m/folder-id. */
    @Test
    void refusesAPathThroughALinkIntoTheMetadata() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve(".deltasync"));
        Files.writeString(root.resolve(".deltasync/folder-id"), "secret-id");
        Files.createSymbolicLink(root.resolve("m"), root.getFileSystem().getPath(".deltasync"));

        assertThatThrownBy(() -> PathGuard.resolve(root, "m/folder-id"))
                .isInstanceOf(BadPathException.class)
                .hasMessageContaining("m/folder-id")
                .hasMessageContaining("symbolic link m");
    }

    @Test
    void refusesTheMetadataFolderAtAnyDepthAndInAnyCase() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));

        for (String path : new String[] {".deltasync/x", "sub/.deltasync/x", "a/b/.DeltaSync", "sub/.deltasync"}) {
            assertThatThrownBy(() -> PathGuard.resolve(root, path)).as(path)
                    .isInstanceOf(BadPathException.class)
                    .hasMessageContaining(path)
                    .hasMessageContaining("never synced, at any depth");
        }
    }

    @Test
    void theEntryItselfMayBeASymlink() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createSymbolicLink(root.resolve("link"), tmp.resolve("anywhere"));

        assertThat(PathGuard.resolve(root, "link")).isEqualTo(root.resolve("link"));
    }

    @Test
    void refusesABrokenSymlinkParent() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createSymbolicLink(root.resolve("dangling"), tmp.resolve("missing"));

        assertThatThrownBy(() -> PathGuard.resolve(root, "dangling/x"))
                .isInstanceOf(BadPathException.class).hasMessageContaining("dangling/x");
    }
}
