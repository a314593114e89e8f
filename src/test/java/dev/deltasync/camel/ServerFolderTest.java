package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.ScanResult;

class ServerFolderTest {

    @TempDir
    Path dir;

    /** The server hashes its folder at start, so the first client's manifest request finds it done. */
    @Test
    void theServerIndexesItsFolderAtStartWithoutWaitingForAClient() throws Exception {
        byte[] content = "indexed before any client asks".getBytes();
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub/a.txt"), content);

        try (dev.deltasync.folder.TestThreads threads = new dev.deltasync.folder.TestThreads();
             ServerFolder folder = ServerFolder.open(new Settings(Map.of("deltasync.dir", dir.toString())),
                     threads.peerThreads())) {
            ScanResult indexed = folder.indexInBackground().get(30, TimeUnit.SECONDS);

            FileEntry a = indexed.entries().get("sub/a.txt");
            assertThat(a).isNotNull();
            assertThat(a.hash()).isEqualTo(HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(content)));
            // a session's scan afterwards sees the same folder
            assertThat(folder.folder().scan().entries()).containsKeys("sub", "sub/a.txt");
        }
    }
}
