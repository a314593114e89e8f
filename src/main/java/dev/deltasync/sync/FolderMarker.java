package dev.deltasync.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * {@code DIR/.deltasync/folder-id}: proves that the folder on disk is the one that was synced before. A folder
 * whose marker vanished while its state remains, or that lost every file, is refused rather than synced, because
 * to the reconciler an unmounted disk looks exactly like a user deleting everything.
 */
public final class FolderMarker {

    private FolderMarker() {
    }

    /**
     * Returns the folder's id, creating the folder and the marker on first use.
     *
     * @throws FolderGoneException when the folder or its marker is missing although sync state exists for it
     */
    public static String open(Path root) throws IOException {
        boolean syncedBefore = SyncStateStore.existsIn(root);
        if (!Files.isDirectory(root)) {
            if (syncedBefore || Files.exists(root)) {
                throw new FolderGoneException("shared folder " + root + " is missing or not a directory");
            }
            Files.createDirectories(root);
        }
        Path marker = MetadataDir.folderIdFile(root);
        if (Files.isRegularFile(marker)) {
            String id = Files.readString(marker, StandardCharsets.UTF_8).trim();
            if (!id.isEmpty()) {
                return id;
            }
        }
        if (syncedBefore) {
            throw new FolderGoneException("shared folder " + root + " has sync state but its marker " + marker
                    + " is missing or empty: refusing to sync a folder that may have been replaced or unmounted; "
                    + "if the folder is right, delete " + MetadataDir.stateFile(root) + " to start afresh");
        }
        MetadataDir.createPrivateDirectories(marker.getParent());
        String id = UUID.randomUUID().toString();
        Files.writeString(marker, id + "\n", StandardCharsets.UTF_8);
        MetadataDir.makePrivate(marker);
        return id;
    }

    /**
     * Refuses a side that holds no file at all although files were synced before: an unmounted or wiped folder.
     *
     * @param where words naming the folder, e.g. "server folder /data"
     */
    public static void refuseIfEmptied(String where, Map<String, FileEntry> lastSynced,
                                       Map<String, FileEntry> current) throws FolderGoneException {
        if (current.values().stream().anyMatch(e -> !e.isDir())) {
            return; // mostly at the side's first entries: the synced files are counted only for a side without any
        }
        long syncedFiles = lastSynced.values().stream().filter(e -> !e.isDir()).count();
        if (syncedFiles > 0) {
            throw new FolderGoneException(where + " holds no files although " + syncedFiles + " were synced before: "
                    + "refusing to propagate that as deletions (is it unmounted?); if it was emptied on purpose, "
                    + "delete the files on the other side too");
        }
    }
}
