package dev.deltasync.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A server folder, a client folder and a free port, fresh for each test. */
abstract class TwoFolders {

    @TempDir
    Path tmp;
    Path server;
    Path client;
    int port;

    @BeforeEach
    void folders() throws IOException {
        server = Files.createDirectories(tmp.resolve("server"));
        client = Files.createDirectories(tmp.resolve("client"));
        port = Peers.freePort();
    }
}
