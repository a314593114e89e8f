package dev.deltasync.sync;

import java.nio.file.Path;

/** Where deltasync keeps its per-folder metadata: {@code DIR/.deltasync/}, never synced. */
public final class MetadataDir {

    public static final String NAME = ".deltasync";

    private MetadataDir() {
    }

    /** Whether a relative '/'-separated path names the metadata folder or something inside it. */
    public static boolean isInside(String relPath) {
        return relPath.equals(NAME) || relPath.startsWith(NAME + "/");
    }

    public static Path of(Path root) {
        return root.resolve(NAME);
    }

    public static Path stateFile(Path root) {
        return of(root).resolve("state.mv.db");
    }

    public static Path folderIdFile(Path root) {
        return of(root).resolve("folder-id");
    }

    public static Path tempDir(Path root) {
        return of(root).resolve("tmp");
    }

    public static Path trashDir(Path root) {
        return of(root).resolve("trash");
    }

    /** The signature cache: signatures of file versions both sides agreed on, named by their SHA-256. */
    public static Path signatureDir(Path root) {
        return of(root).resolve("signatures");
    }
}
