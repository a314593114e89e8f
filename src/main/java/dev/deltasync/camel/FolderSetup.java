package dev.deltasync.camel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.sync.FolderMarker;
import dev.deltasync.sync.MetadataDir;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.sync.Trash;

/** Opens a shared folder with its metadata folder {@code .deltasync/}: state store, trash, identity. */
final class FolderSetup {

    private FolderSetup() {
    }

    static SyncStateStore openState(Path root) {
        try {
            return SyncStateStore.open(root);
        } catch (IOException e) {
            if (e.getCause() instanceof MVStoreException store && store.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                // a usage problem (exit code 2), not a failure: one deltasync process per folder
                throw new IllegalArgumentException("the folder " + root + " is already in use by another deltasync"
                        + " process; stop it first (one process per shared folder)");
            }
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    static LocalFolder localFolder(Path root, SyncStateStore state, Settings settings, PeerThreads threads) {
        try {
            Trash trash = new Trash(MetadataDir.trashDir(root), settings.number("trash-max-mb", 1024) * 1024 * 1024,
                    Duration.ofDays(settings.number("trash-max-days", 30)), Clock.systemUTC());
            LocalFolder folder = new LocalFolder(root, IgnoreRules.load(root), state.scanCache(), trash, threads);
            folder.partials().keepFor(Duration.ofHours(settings.number("partial-max-hours", 24)));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the shared folder " + root, e);
        }
    }

    /** This folder's identity (created on first use; a vanished folder is refused, never emptied). */
    static String identity(Path root) {
        try {
            return FolderMarker.open(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
