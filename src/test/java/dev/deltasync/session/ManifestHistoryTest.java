package dev.deltasync.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deltasync.sync.FileEntry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestHistoryTest {

    private static final String H1 = "1".repeat(64);
    private static final String H2 = "2".repeat(64);

    private final Map<String, FileEntry> folder = new HashMap<>();

    private void put(String path, String hash) {
        folder.put(path, FileEntry.file(path, 10, 1_000L, false, hash));
    }

    @Test
    void aClientWithoutAVersionGetsEverything() {
        put("a", H1);
        put("b", H1);

        ManifestHistory.Answer answer = new ManifestHistory().answer("", folder);

        assertThat(answer.diff()).isFalse();
        assertThat(answer.entries()).extracting(FileEntry::path).containsExactlyInAnyOrder("a", "b");
        assertThat(answer.version()).isNotEmpty();
    }

    @Test
    void aClientHoldingARecentVersionGetsOnlyWhatChangedSince() {
        ManifestHistory history = new ManifestHistory();
        put("a", H1);
        put("b", H1);
        put("c", H1);
        String v1 = history.answer("", folder).version();
        put("a", H2);
        folder.remove("b");
        history.answer("", folder); // another client's request in between makes a version of its own
        put("d", H1);

        ManifestHistory.Answer answer = history.answer(v1, folder);

        assertThat(answer.diff()).isTrue();
        assertThat(answer.entries()).extracting(FileEntry::path).containsExactlyInAnyOrder("a", "d");
        assertThat(answer.removed()).containsExactly("b");
        assertThat(answer.version()).isNotEqualTo(v1);
        assertThat(history.answer(answer.version(), folder)).satisfies(nothing -> {
            assertThat(nothing.diff()).isTrue();
            assertThat(nothing.entries()).isEmpty();
            assertThat(nothing.removed()).isEmpty();
        });
    }

    @Test
    void aPathRemovedAndBackAgainIsAChangeNotARemoval() {
        ManifestHistory history = new ManifestHistory();
        put("a", H1);
        String v1 = history.answer("", folder).version();
        folder.remove("a");
        history.answer("", folder);
        put("a", H2);

        ManifestHistory.Answer answer = history.answer(v1, folder);

        assertThat(answer.entries()).extracting(FileEntry::hash).containsExactly(H2);
        assertThat(answer.removed()).isEmpty();
    }

    @Test
    void aVersionThisProcessNoLongerHoldsOrNeverIssuedGetsEverything() {
        ManifestHistory history = new ManifestHistory(2, 1_000);
        put("a", H1);
        String v1 = history.answer("", folder).version();
        for (int i = 0; i < 3; i++) {
            put("x" + i, H1);
            history.answer("", folder);
        }

        assertThat(history.answer(v1, folder).diff()).as("dropped from the history").isFalse();
        assertThat(new ManifestHistory().answer(v1, folder).diff()).as("another server process").isFalse();
        assertThat(history.answer("garbage", folder).diff()).isFalse();
        assertThat(history.answer(v1.replaceAll(":.*", ":999"), folder).diff()).as("a future version").isFalse();
    }
}
