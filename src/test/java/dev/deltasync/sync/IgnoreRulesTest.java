package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IgnoreRulesTest {

    private static final IgnoreRules RULES = IgnoreRules.of(List.of(
            "# build output",
            "build/",
            "*.log",
            "!keep.log",
            "/top.txt",
            "docs/**/draft-*.md",
            "cache[0-9]",
            "\\#hash",
            ""));

    @ParameterizedTest(name = "{0} (dir={1}) ignored={2}")
    @CsvSource({
        // defaults
        "notes.txt.swp, false, true",
        "a/b/notes.txt~, false, true",
        ".#notes.txt, false, true",
        "x/upload.tmp, false, true",
        ".~lock.report.odt#, false, true",
        "4913, false, true",
        "a/4913, false, true",
        "49130, false, false",
        ".deltasync, true, true",
        ".deltasync/state.mv.db, false, true",
        "notes.txt, false, false",
        ".deltasyncignore, false, false",
        // user patterns
        "build, true, true",
        "build, false, false",
        "src/build/out.class, false, true",
        "app.log, false, true",
        "sub/app.log, false, true",
        "keep.log, false, false",
        "top.txt, false, true",
        "sub/top.txt, false, false",
        "docs/draft-a.md, false, true",
        "docs/x/y/draft-b.md, false, true",
        "docs/final.md, false, false",
        "cache7, true, true",
        "cacheA, true, false",
        "#hash, false, true",
        "build-notes.md, false, false",
    })
    void table(String path, boolean isDir, boolean ignored) {
        assertThat(RULES.ignored(path, isDir)).isEqualTo(ignored);
    }

    @Test
    void nothingUnderAnIgnoredDirectoryComesBack() {
        IgnoreRules rules = IgnoreRules.of(List.of("out/", "!out/keep.txt"));
        assertThat(rules.ignored("out/keep.txt", false)).isTrue();
    }

    @Test
    void loadsTheFolderIgnoreFile(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve(IgnoreRules.FILE_NAME), "secret*\n# comment\n");

        IgnoreRules rules = IgnoreRules.load(root);

        assertThat(rules.ignored("secrets.txt", false)).isTrue();
        assertThat(rules.ignored("# comment", false)).isFalse();
        assertThat(rules.ignored("x.swp", false)).isTrue();
    }

    @Test
    void filterDropsIgnoredEntries() {
        var kept = RULES.filter(Entries.tree(Entries.file("a.log", "x"), Entries.file("a.txt", "y"),
                Entries.dir("build"), Entries.file("build/x", "z")));
        assertThat(kept).containsOnlyKeys("a.txt");
    }
}
