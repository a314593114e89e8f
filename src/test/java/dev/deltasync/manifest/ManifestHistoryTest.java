package dev.deltasync.manifest;

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
    void theHashAPathHadInAnOlderVersionIsKnownFromTheStepsSince() {
        ManifestHistory history = new ManifestHistory();
        String H3 = "3".repeat(64);
        put("a", H1);
        put("b", H1);
        String v1 = history.answer("", folder).version();
        put("a", H2);
        String v2 = history.answer("", folder).version();
        history.record(java.util.List.of(FileEntry.file("a", 10, 2_000L, false, H3)), java.util.List.of("b"));
        put("c", H1);
        history.answer("", folder);

        assertThat(history.fileHashesAt(v1, java.util.List.of("a", "b", "c"))).containsOnly(
                Map.entry("a", H1), Map.entry("b", H1));
        assertThat(history.fileHashesAt(v2, java.util.List.of("a", "b"))).containsOnly(
                Map.entry("a", H2), Map.entry("b", H1));
        assertThat(history.fileHashesAt("another:1", java.util.List.of("a"))).isEmpty();
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
    @Test
    void aRecordedChangeIsAVersionOfItsOwnAndAScanThatFindsItAddsNothing() {
        ManifestHistory history = new ManifestHistory();
        put("a", H1);
        String v1 = history.answer("", folder).version();
        FileEntry pushed = FileEntry.file("b", 10, 1_000L, false, H2);

        ManifestHistory.Recorded recorded = history.record(java.util.List.of(pushed), java.util.List.of("a"));
        folder.remove("a");
        folder.put("b", pushed);
        ManifestHistory.Answer after = history.answer(v1, folder);

        assertThat(recorded.basedOn()).isEqualTo(Long.parseLong(v1.substring(v1.indexOf(':') + 1)));
        assertThat(recorded.version()).isEqualTo(recorded.basedOn() + 1);
        assertThat(after.version()).as("the scan found nothing new").endsWith(":" + recorded.version());
        assertThat(after.entries()).containsExactly(pushed);
        assertThat(after.removed()).containsExactly("a");
        assertThat(history.answer(after.version(), folder).entries()).isEmpty();
    }

    @Test
    void aScanThatBeganBeforeARecordedChangeDoesNotUndoIt() {
        ManifestHistory history = new ManifestHistory();
        put("a", H1);
        String v1 = history.answer("", folder).version();
        long scanBegan = history.version();
        Map<String, FileEntry> staleScan = new HashMap<>(folder); // taken before the push landed
        FileEntry pushed = FileEntry.file("a", 10, 2_000L, false, H2);
        history.record(java.util.List.of(pushed), java.util.List.of());

        ManifestHistory.Answer answer = history.answer(v1, staleScan, scanBegan);

        assertThat(answer.entries()).containsExactly(pushed);
        folder.put("a", pushed);
        assertThat(history.answer(answer.version(), folder).entries()).as("a later scan agrees").isEmpty();
    }

    @Test
    void nothingIsRecordedBeforeTheFirstAnswer() {
        assertThat(new ManifestHistory().record(java.util.List.of(FileEntry.file("a", 1, 1, false, H1)),
                java.util.List.of())).isNull();
    }

    @Test
    void aDirectoryWhoseMtimeMovedIsNoChange() {
        ManifestHistory history = new ManifestHistory();
        folder.put("docs", FileEntry.dir("docs", 1_000L));
        String v1 = history.answer("", folder).version();
        folder.put("docs", FileEntry.dir("docs", 2_000L)); // a file was added in it
        put("docs/new.txt", H1);

        ManifestHistory.Answer answer = history.answer(v1, folder);

        assertThat(answer.entries()).extracting(FileEntry::path).containsExactly("docs/new.txt");
    }
}
