package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncStateStoreTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path root;

    @Test
    void committedStateSurvivesCloseAndReopen() throws Exception {
        FileEntry file = FileEntry.file("a/b.txt", 4, 1_700_000_000_123L, true, SHA);
        FileEntry dir = FileEntry.dir("a", 1_700_000_000_000L);
        FileEntry link = FileEntry.symlink("a/link", "b.txt", SHA);
        try (SyncStateStore store = SyncStateStore.open(root)) {
            store.record("server-1", file);
            store.record("server-1", dir);
            store.record("server-1", link);
            store.record("server-2", FileEntry.file("other", 1, 1, false, "not-hex"));
            store.forget("server-2", "other");
            store.commit();
        }

        try (SyncStateStore store = SyncStateStore.open(root)) {
            assertThat(store.load("server-1")).containsExactly(
                    java.util.Map.entry("a", dir), java.util.Map.entry("a/b.txt", file),
                    java.util.Map.entry("a/link", link));
            assertThat(store.load("server-2")).isEmpty();
            assertThat(store.hasState()).isTrue();
        }
        assertThat(Files.exists(root.resolve(".deltasync/state.mv.db"))).isTrue();
    }

    @Test
    void uncommittedChangesAreNotDurableAcrossACrash() throws Exception {
        SyncStateStore store = SyncStateStore.open(root);
        store.record("p", FileEntry.file("kept", 1, 1, false, SHA));
        store.commit();
        store.record("p", FileEntry.file("lost", 1, 1, false, SHA));
        store.abandon();
        try (SyncStateStore reopened = SyncStateStore.open(root)) {
            assertThat(reopened.load("p")).containsOnlyKeys("kept");
        }
    }

    @Test
    void actionsUpdateThePeerState() throws Exception {
        try (SyncStateStore store = SyncStateStore.open(root)) {
            LastSyncedState state = store.forPeer("p");
            FileEntry a = FileEntry.file("a", 1, 1, false, SHA);
            FileEntry b = FileEntry.file("b", 1, 1, false, SHA);
            state.apply(new Action.Copy(Side.CLIENT, a, null, false));
            state.apply(new Action.Rename(Side.SERVER, "a", b, a));
            state.apply(new Action.Mkdir(Side.SERVER, FileEntry.dir("d", 5)));
            state.apply(new Action.Delete(Side.SERVER, FileEntry.dir("d", 5), false));

            assertThat(store.load("p")).containsOnlyKeys("b");
        }
    }

    @Test
    void scanCacheAnswersOnlyForTheSameSizeAndMtime() throws Exception {
        try (SyncStateStore store = SyncStateStore.open(root)) {
            ScanCache cache = store.scanCache();
            cache.remember("f", 10, 1000, SHA);
            cache.remember("g", 10, 1000, SHA);

            assertThat(cache.hashIfUnchanged("f", 10, 1000)).isEqualTo(SHA);
            assertThat(cache.hashIfUnchanged("f", 11, 1000)).isNull();
            assertThat(cache.hashIfUnchanged("f", 10, 1001)).isNull();
            cache.retainOnly(Set.of("g"));
            assertThat(cache.hashIfUnchanged("f", 10, 1000)).isNull();
            assertThat(cache.hashIfUnchanged("g", 10, 1000)).isEqualTo(SHA);
        }
    }

    @Test
    void corruptStateFileIsNamedInTheError() throws Exception {
        Files.createDirectories(root.resolve(".deltasync"));
        Files.writeString(root.resolve(".deltasync/state.mv.db"), "this is not an MVStore file".repeat(200));

        assertThatThrownBy(() -> SyncStateStore.open(root)).hasMessageContaining("state.mv.db")
                .hasMessageContaining("move it away");
    }

    @Test
    void codecRoundTripsAndRejectsGarbage() {
        FileEntry entry = FileEntry.file("x", Long.MAX_VALUE, -5, true, SHA);
        assertThat(FileEntryCodec.decode("x", FileEntryCodec.encode(entry))).isEqualTo(entry);
        assertThat(FileEntryCodec.encode(entry).length).isLessThan(50);
        assertThatThrownBy(() -> FileEntryCodec.decode("bad/path", new byte[] {1, 0, 0, (byte) 0x80}))
                .hasMessageContaining("bad/path");
    }

    @Test
    void aRunningProcessDecodesEachStateOnceAndKeepsItCurrent() throws Exception {
        try (SyncStateStore store = SyncStateStore.open(root)) {
            for (int i = 0; i < 100; i++) {
                store.record("p", FileEntry.file("f" + i, 1, 1, false, SHA));
            }
            store.commit();
        }
        try (SyncStateStore store = SyncStateStore.open(root)) {
            java.util.Map<String, FileEntry> live = store.lastSynced("p");
            assertThat(store.entriesDecoded()).isEqualTo(100);
            store.record("p", FileEntry.file("new", 1, 1, false, SHA));
            store.forget("p", "f0");
            assertThat(live).containsKey("new").doesNotContainKey("f0").hasSize(100);
            assertThat(store.load("p")).isEqualTo(live);
            assertThat(store.entriesDecoded()).as("no second decoding").isEqualTo(100);

            store.discardUncommitted(); // what a dry run leaves: the file's state, decoded again
            assertThat(store.load("p")).containsKey("f0").doesNotContainKey("new").hasSize(100);
            assertThat(store.entriesDecoded()).isEqualTo(200);
        }
    }

    @Test
    void statesDecodedAheadAreNotDecodedAgainByTheCycle() throws Exception {
        try (SyncStateStore store = SyncStateStore.open(root)) {
            for (int i = 0; i < 50; i++) {
                store.record("p", FileEntry.file("f" + i, 1, 1, false, SHA));
            }
            store.knownManifest("p").replace("v1", java.util.List.of(FileEntry.file("m", 1, 1, false, SHA)));
            store.commit();
        }
        try (SyncStateStore store = SyncStateStore.open(root)) {
            store.decodeAhead();
            assertThat(store.entriesDecoded()).isEqualTo(51);

            assertThat(store.lastSynced("p")).hasSize(50);
            assertThat(store.knownManifest("p").entries()).containsOnlyKeys("m");
            assertThat(store.entriesDecoded()).as("nothing decoded twice").isEqualTo(51);
        }
    }

    @Test
    void theKnownManifestSaysWhichPathsItsDifferencesChanged() throws Exception {
        try (SyncStateStore store = SyncStateStore.open(root)) {
            KnownManifest known = store.knownManifest("p");
            known.replace("v1", java.util.List.of(FileEntry.file("a", 1, 1, false, SHA),
                    FileEntry.file("b", 1, 1, false, SHA)));
            assertThat(known.takeChangedPaths()).as("first asked: not known").isEmpty();
            known.apply("v2", java.util.List.of(FileEntry.file("c", 1, 1, false, SHA)), java.util.List.of("a"));
            // another view of the same manifest (each cycle makes one) sees the same changes
            assertThat(store.knownManifest("p").takeChangedPaths()).contains(Set.of("a", "c"));
            assertThat(known.takeChangedPaths()).contains(Set.of());
            assertThat(known.entries()).containsOnlyKeys("b", "c");
            known.replace("v3", java.util.List.of(FileEntry.file("d", 1, 1, false, SHA)));
            assertThat(known.takeChangedPaths()).as("after a whole manifest: not known").isEmpty();
            store.commit();
        }
        try (SyncStateStore store = SyncStateStore.open(root)) {
            assertThat(store.knownManifest("p").entries()).containsOnlyKeys("d");
            assertThat(store.knownManifest("p").version()).isEqualTo("v3");
        }
    }
}
