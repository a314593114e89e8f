package dev.deltasync.camel;

import java.nio.file.Path;

import dev.deltasync.folder.FolderChange;

/**
 * A change a sync applied to this side's folder, with who caused it: on a server the client whose upload,
 * delete or rename it was, on a client the server it synced with.
 *
 * @param change   what happened to which file
 * @param file     the file's absolute path on this side
 * @param peer     the other side's folder id ("" when not known)
 * @param mode     the sync mode in force (0..3)
 */
public record AppliedChange(FolderChange change, Path file, String peer, int mode) {
}
