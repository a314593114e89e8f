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
}
