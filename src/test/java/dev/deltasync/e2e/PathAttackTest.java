package dev.deltasync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deltasync.rsync.Sha256;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.Error;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.GetBatch;
import dev.deltasync.wire.GetFile;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.PutFile;
import dev.deltasync.wire.Rename;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attacks of issue 17 (findings 1, 2, 3, 8, 9) against a running server, from a raw authenticated client. */
class PathAttackTest {

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

    @Test
    void aLinkIntoTheMetadataIsRefusedAndNothingIsReadThroughOne() throws Exception {
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            String folderId = Files.readString(server.resolve(".deltasync/folder-id")).trim();
            Message upload = peer.askWithStream(new PutFile(link("m", ".deltasync"), ""), new byte[0]);
            assertThat(upload).isInstanceOfSatisfying(Error.class, e -> assertThat(e.text()).contains("'m'"));
            assertThat(Files.exists(server.resolve("m"), LinkOption.NOFOLLOW_LINKS)).isFalse();

            Files.createSymbolicLink(server.resolve("m"), server.getFileSystem().getPath(".deltasync")); // planted
            Files.createSymbolicLink(server.resolve("id"), server.getFileSystem().getPath(".deltasync/folder-id"));
            Message batch = peer.ask(new GetBatch(List.of(new GetBatch.Wanted("m/folder-id", 36))));
            assertThat(batch).isInstanceOfSatisfying(Error.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCodes.BAD_PATH);
                assertThat(e.text()).contains("m/folder-id");
            });
            byte[] throughLastName = peer.askForStream(new GetBatch(List.of(new GetBatch.Wanted("id", 36))));
            assertThat(new String(throughLastName, StandardCharsets.UTF_8)).doesNotContain(folderId);
            Message state = peer.ask(new GetFile("m/state.mv.db", "", false));
            assertThat(state).isInstanceOfSatisfying(Error.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCodes.BAD_PATH));
        }
    }

    @Test
    void renamingALinkDoesNotChangeWhatItPointsTo() throws Exception {
        Path meta = server.resolve(".deltasync");
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            Files.createSymbolicLink(server.resolve("m"), server.getFileSystem().getPath(".deltasync"));
            String modeBefore = mode(meta);
            FileTime mtimeBefore = Files.getLastModifiedTime(meta);

            peer.ask(new Rename("m", "m2", ""));

            assertThat(mode(meta)).isEqualTo(modeBefore);
            assertThat(Files.getLastModifiedTime(meta)).isEqualTo(mtimeBefore);
            assertThat(Files.isDirectory(meta, LinkOption.NOFOLLOW_LINKS)).isTrue();
        }
    }

    @Test
    void aLinkThatEscapesThroughAnotherLinkIsRefusedAndNotSentToClients() throws Exception {
        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            try (RawPeer peer = RawPeer.authenticated(port, "")) {
                Message first = peer.askWithStream(new PutFile(link("s", "."), ""), new byte[0]);
                assertThat(first).isNotInstanceOf(Error.class);
                Message second = peer.askWithStream(new PutFile(link("t", "s/.."), ""), new byte[0]);
                assertThat(second).isInstanceOfSatisfying(Error.class, e -> assertThat(e.text()).contains("'t'"));
            }
            assertThat(Files.exists(server.resolve("t"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            Files.createSymbolicLink(server.resolve("t"), server.getFileSystem().getPath("s/..")); // planted
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }
        assertThat(Files.isSymbolicLink(client.resolve("s"))).isTrue();
        assertThat(Files.exists(client.resolve("t"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aMetadataFolderDeeperDownIsNeverWritten() throws Exception {
        byte[] content = "planted".getBytes(StandardCharsets.UTF_8);
        FileEntry planted = FileEntry.file("sub/.deltasync/x", content.length, 1_000L, false, Sha256.hex(content));
        try (Peers.Running s = Peers.server(server, port, 0, "");
             RawPeer peer = RawPeer.authenticated(port, "")) {
            Message answer = peer.askWithStream(new PutBatch(List.of(planted)), content);
            assertThat(answer).isInstanceOfSatisfying(Error.class,
                    e -> assertThat(e.text()).contains("sub/.deltasync/x"));
        }
        assertThat(server.resolve("sub/.deltasync")).doesNotExist();
    }

    @Test
    void aPrivateFileInAPrivateDirectoryArrivesPrivate() throws Exception {
        Path dir = Files.createDirectories(client.resolve("private"));
        Files.writeString(dir.resolve("key.txt"), "secret");
        Files.setPosixFilePermissions(dir.resolve("key.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(client.resolve("group.txt"), "shared");
        Files.setPosixFilePermissions(client.resolve("group.txt"), PosixFilePermissions.fromString("rw-rw-r--"));
        try (Peers.Running s = Peers.server(server, port, 0, "")) {
            assertThat(Peers.clientOnce(client, port, "")).isZero();
        }
        assertThat(mode(server.resolve("private"))).isEqualTo("rwx------");
        assertThat(mode(server.resolve("private/key.txt"))).isEqualTo("rw-------");
        assertThat(mode(server.resolve("group.txt"))).isEqualTo("rw-rw-r--");
        assertThat(mode(server.resolve(".deltasync"))).isEqualTo("rwx------");
        assertThat(mode(server.resolve(".deltasync/state.mv.db"))).isEqualTo("rw-------");
        assertThat(mode(server.resolve(".deltasync/folder-id"))).isEqualTo("rw-------");
    }

    private static FileEntry link(String path, String target) {
        return FileEntry.symlink(path, target, Sha256.hex(target.getBytes(StandardCharsets.UTF_8)));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
