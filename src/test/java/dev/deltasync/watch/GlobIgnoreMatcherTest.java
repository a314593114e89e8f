package dev.deltasync.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GlobIgnoreMatcherTest {

    private final GlobIgnoreMatcher defaults = GlobIgnoreMatcher.of(GlobIgnoreMatcher.DEFAULT_PATTERNS);

    @ParameterizedTest
    @ValueSource(strings = {".notes.txt.swp", "notes.txt~", ".#notes.txt", "a/b/x.tmp", ".~lock.report.odt#", "4913",
                            "deep/dir/4913"})
    void editorTempFilesAreIgnoredAtAnyDepth(String path) {
        assertThat(defaults.ignores(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes.txt", "swp", "a/b/report.odt", "49130", "tmp/x.txt", "lock.report.odt#x"})
    void ordinaryFilesAreNot(String path) {
        assertThat(defaults.ignores(path)).isFalse();
    }

    @Test
    void anchoredPatternsMatchFromTheFolderAndIgnoreWhatIsInside() {
        GlobIgnoreMatcher matcher = GlobIgnoreMatcher.of(List.of("/build", "docs/drafts/", "*.log"));

        assertThat(matcher.ignores("build")).isTrue();
        assertThat(matcher.ignores("build/classes/A.class")).isTrue();
        assertThat(matcher.ignores("src/build")).isFalse();
        assertThat(matcher.ignores("docs/drafts/x.md")).isTrue();
        assertThat(matcher.ignores("docs/final/x.md")).isFalse();
        assertThat(matcher.ignores("logs/today.log")).isTrue();
        assertThat(matcher.ignores("logs/today.txt")).isFalse();
    }

    @Test
    void commentsBlankLinesNegationsAndBrokenPatternsAreSkipped() {
        GlobIgnoreMatcher matcher = GlobIgnoreMatcher.of(List.of("# *.txt", "", "   ", "!keep.bin", "[unclosed", "*.bin"));

        assertThat(matcher.ignores("a.txt")).isFalse();
        assertThat(matcher.ignores("keep.bin")).isTrue();
        assertThat(matcher.ignores("[unclosed")).isFalse();
    }

    @Test
    void aFolderUsesItsIgnoreFileOnTopOfTheDefaults(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve(GlobIgnoreMatcher.IGNORE_FILE), "secret/\n*.iso\n");

        GlobIgnoreMatcher matcher = GlobIgnoreMatcher.forFolder(folder);

        assertThat(matcher.ignores("secret/key")).isTrue();
        assertThat(matcher.ignores("images/disk.iso")).isTrue();
        assertThat(matcher.ignores("x.swp")).isTrue();
        assertThat(matcher.ignores("readme.md")).isFalse();
    }

    @Test
    void aFolderWithoutIgnoreFileUsesTheDefaults(@TempDir Path folder) {
        GlobIgnoreMatcher matcher = GlobIgnoreMatcher.forFolder(folder);

        assertThat(matcher.ignores("x.swp")).isTrue();
        assertThat(matcher.ignores("x.iso")).isFalse();
    }
}
