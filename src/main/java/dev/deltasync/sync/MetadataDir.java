package dev.deltasync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;

/** Where deltasync keeps its per-folder metadata: {@code DIR/.deltasync/}, never synced. */
public final class MetadataDir {

    public static final String NAME = ".deltasync";

    private MetadataDir() {
    }

    /**
     * Whether a relative '/'-separated path names a metadata folder or something inside one, at any depth
     * ({@code sub/.deltasync/x} too: a folder synced inside another keeps its own metadata to itself).
     */
    public static boolean isInside(String relPath) {
        for (String name : relPath.split("/")) {
            if (isName(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one name is the metadata folder's, in any case (case-insensitive file systems would take it). */
    public static boolean isName(String name) {
        return name.equalsIgnoreCase(NAME);
    }

    /**
     * Creates {@code dir} (the metadata folder or a folder in it) and its missing parents, owner-only (0700) whatever
     * the umask; an existing one is made owner-only too. Returns {@code dir}.
     */
    public static Path createPrivateDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
        ownerOnly(dir, 0700);
        return dir;
    }

    /** Makes one of the metadata's files readable and writable by its owner only (0600). */
    public static void makePrivate(Path file) throws IOException {
        ownerOnly(file, 0600);
    }

    private static void ownerOnly(Path path, int mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null && !Files.isSymbolicLink(path)) {
            view.setPermissions(FileAttributes.permissions(mode));
        }
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
