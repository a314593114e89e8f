package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.folder.FolderChange;
import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.TestThreads;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.Trash;

/** The server's log of what a client's request did to its folder names the file and the client. */
class ServerChangeLogTest {

    private static final String CLIENT = "client 3f2a at 10.0.0.7:51234";

    private final TestThreads threads = new TestThreads();
    private final List<String> logged = new ArrayList<>();
    private final List<ChangeAttribution.Attributed> told = new ArrayList<>();
    private final ChangeAttribution attribution = new ChangeAttribution(changes -> {
        told.addAll(changes);
        logged.addAll(ServerChangeLog.lines(changes));
    });

    @TempDir
    Path root;

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    private LocalFolder folderWith(String... files) throws Exception {
        for (String file : files) {
            Files.writeString(root.resolve(file), "content of " + file);
        }
        LocalFolder folder = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root),
                threads);
        folder.scan();
        folder.onChange(attribution::applied);
        return folder;
    }

    @Test
    void aDeletionAClientAskedForNamesTheFileAndTheClient() throws Exception {
        LocalFolder folder = folderWith("x.txt", "y.txt");
        folder.delete(folder.current("x.txt"), true);
        attribution.announced("3f2a", CLIENT, List.of("x.txt"));
        folder.delete(folder.current("y.txt"), false);
        attribution.announced("3f2a", CLIENT, List.of("y.txt"));

        assertThat(logged).containsExactly(
                "Moved x.txt to the trash (deleted by client 3f2a at 10.0.0.7:51234)",
                "Deleted y.txt (deleted by client 3f2a at 10.0.0.7:51234)");
        assertThat(told).extracting(ChangeAttribution.Attributed::peer).containsExactly("3f2a", "3f2a");
        assertThat(Files.exists(root.resolve("x.txt"))).isFalse();
    }

    @Test
    void aRenameAndAConflictCopyNameBothPathsAndTheClient() throws Exception {
        LocalFolder folder = folderWith("a.txt", "b.txt");
        folder.rename("a.txt", "c.txt", folder.current("a.txt"));
        attribution.announced("3f2a", CLIENT, List.of("a.txt", "c.txt"));
        String copy = "b.sync-conflict-20240101-120000-3f2a.txt";
        folder.rename("b.txt", copy, folder.current("b.txt"));
        attribution.announced("3f2a", CLIENT, List.of("b.txt", copy));

        assertThat(logged).containsExactly(
                "Renamed a.txt to c.txt (renamed by client 3f2a at 10.0.0.7:51234)",
                "Kept this side's version of b.txt as " + copy
                        + ", a conflict copy (client 3f2a at 10.0.0.7:51234 changed it too)");
    }

    @Test
    void oneNewFileIsOneLineAndABatchOfThemIsOneLineToo() {
        ChangeAttribution.Attributed one = arrived("new.bin", 1500, FolderChange.Type.ARRIVED);
        assertThat(ServerChangeLog.lines(List.of(one)))
                .containsExactly("Received new file new.bin from " + CLIENT + " (1500 bytes)");

        List<ChangeAttribution.Attributed> batch = List.of(arrived("a", 1, FolderChange.Type.ARRIVED),
                arrived("b", 2, FolderChange.Type.ARRIVED), arrived("old.txt", 10, FolderChange.Type.UPDATED));
        assertThat(ServerChangeLog.lines(batch)).containsExactly(
                "Received 2 new files (a, b) from " + CLIENT + " (3 bytes)",
                "Updated old.txt from " + CLIENT + " (10 bytes)");
    }

    @Test
    void aConflictCopyFromTheClientIsCalledOne() {
        String copy = "shared.sync-conflict-20240101-120000-client.txt";
        assertThat(ServerChangeLog.lines(List.of(arrived(copy, 8, FolderChange.Type.ARRIVED),
                arrived("shared.txt", 9, FolderChange.Type.UPDATED)))).containsExactly(
                "Updated shared.txt from " + CLIENT + " (9 bytes)",
                "Received conflict copy " + copy + " from " + CLIENT + " (8 bytes)");
    }

    @Test
    void aChangeWhoseClientNeverAnnouncedItIsStillLogged() throws Exception {
        LocalFolder folder = folderWith("x.txt");
        folder.delete(folder.current("x.txt"), false);
        attribution.announced("3f2a", CLIENT, List.of("other.txt"));

        assertThat(logged).containsExactly("Deleted x.txt (deleted by a client)");
        assertThat(told).extracting(ChangeAttribution.Attributed::peer).containsExactly("");
    }

    private static ChangeAttribution.Attributed arrived(String path, long size, FolderChange.Type type) {
        return new ChangeAttribution.Attributed(new FolderChange(type,
                FileEntry.file(path, size, 0, false, "ab".repeat(32)), ""), "3f2a", CLIENT);
    }
}
