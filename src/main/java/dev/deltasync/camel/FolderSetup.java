package dev.deltasync.camel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.deltasync.session.LocalFolder;
import dev.deltasync.sync.FolderApplier;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.sync.Trash;

/** Opens a shared folder with its metadata folder {@code .deltasync/}: state store, trash, identity. */
final class FolderSetup {

    private FolderSetup() {
    }

    static SyncStateStore openState(Path root) {
        try {
            Files.createDirectories(root.resolve(".deltasync"));
            return SyncStateStore.open(root.resolve(".deltasync").resolve("state.mv.db"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the sync state in " + root.resolve(".deltasync"), e);
        }
    }

    static LocalFolder localFolder(Path root, SyncStateStore state, Settings settings) {
        try {
            Trash trash = new Trash(root, settings.number("trash-max-mb", 1024) * 1024 * 1024,
                    Duration.ofDays(settings.number("trash-max-days", 30)));
            return new LocalFolder(root, IgnoreRules.load(root), state.scanCache(), new FolderApplier(root, trash));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the shared folder " + root, e);
        }
    }

    /** A stable identity for this side, kept in {@code .deltasync/<name>} (created on first use). */
    static String identity(Path root, String name) {
        Path file = root.resolve(".deltasync").resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            String id = UUID.randomUUID().toString();
            Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
