package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimilarFileTest {

    private static final String H = "a".repeat(64);
    private static final long MB = 1 << 20;
    private final Map<String, FileEntry> receiver = new HashMap<>();

    private void has(String path, long size) {
        receiver.put(path, FileEntry.file(path, size, 0, false, H));
    }

    private String basisFor(String path, long size) {
        return SimilarFile.basisFor(FileEntry.file(path, size, 0, false, H), receiver).map(FileEntry::path).orElse(null);
    }

    @Test
    void aFileOfTheSameNameElsewhereComesFirst() {
        has("docs/report-v1.odt", MB);
        has("backup/report-v2.odt", MB);

        assertThat(basisFor("docs/report-v2.odt", MB)).isEqualTo("backup/report-v2.odt");
    }

    @Test
    void thenTheLongestSharedNameInTheSameDirectoryWithTheSameExtension() {
        has("docs/report-v1.odt", MB);
        has("docs/re.odt", MB);
        has("docs/report-v1.txt", MB);
        has("other/report-v1.odt", MB);

        assertThat(basisFor("docs/report-v2.odt", MB)).isEqualTo("docs/report-v1.odt");
    }

    @Test
    void sizesTooDifferentSmallFilesAndUnrelatedNamesGiveNoBasis() {
        has("docs/report-v1.odt", 10 * MB);
        has("docs/xyz.odt", MB);
        has("docs/small-v1.odt", 1000);

        assertThat(basisFor("docs/report-v2.odt", MB)).isNull();
        assertThat(basisFor("docs/small-v2.odt", 1000)).isNull();
    }
}
