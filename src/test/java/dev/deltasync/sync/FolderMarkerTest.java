package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderMarkerTest {

    @TempDir
    Path parent;

    @Test
    void createsFolderAndMarkerOnFirstUseAndKeepsTheId() throws Exception {
        Path root = parent.resolve("share");

        String id = FolderMarker.open(root);

        assertThat(Files.readString(root.resolve(".deltasync/folder-id")).trim()).isEqualTo(id);
        assertThat(FolderMarker.open(root)).isEqualTo(id);
    }

    @Test
    void refusesWhenTheMarkerIsGoneButStateRemains() throws Exception {
        Path root = parent.resolve("share");
        FolderMarker.open(root);
        try (SyncStateStore store = SyncStateStore.open(root)) {
            store.record("peer", FileEntry.file("a", 1, 1, false, "x"));
            store.commit();
        }
        Files.delete(root.resolve(".deltasync/folder-id"));

        assertThatThrownBy(() -> FolderMarker.open(root)).isInstanceOf(FolderGoneException.class)
                .hasMessageContaining("marker").hasMessageContaining(root.toString());
    }

    @Test
    void refusesAFolderThatLostEveryFile() {
        Map<String, FileEntry> synced = Entries.tree(Entries.dir("d"), Entries.file("d/a", "a"));

        assertThatThrownBy(() -> FolderMarker.refuseIfEmptied("server folder /data", synced,
                Entries.tree(Entries.dir("d")))).isInstanceOf(FolderGoneException.class)
                .hasMessageContaining("server folder /data holds no files although 1 were synced before");
    }

    @Test
    void acceptsAFolderThatStillHasFilesOrWasNeverSynced() {
        Map<String, FileEntry> synced = Entries.tree(Entries.file("a", "a"), Entries.file("b", "b"));
        assertThatCode(() -> FolderMarker.refuseIfEmptied("client", synced, Entries.tree(Entries.file("b", "b"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> FolderMarker.refuseIfEmptied("client", Map.of(), Map.of())).doesNotThrowAnyException();
    }
}
