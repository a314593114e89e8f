package dev.deltasync.manifest;

import dev.deltasync.rpc.RemoteException;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deltasync.sync.EntryKey;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.TreeDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestKeysTest {

    private static FileEntry file(String path, String hash) {
        return FileEntry.file(path, 10, 1_000L, false, hash.repeat(64));
    }

    @Test
    void theClientRebuildsTheServersWholeTreeFromKeysBitsAndTheEntriesItLacked() {
        List<FileEntry> client = List.of(file("same.txt", "1"), file("edited.txt", "2"), file("only-client.txt", "3"),
                FileEntry.file("touched.txt", 10, 5_000L, false, "4".repeat(64)));
        List<FileEntry> server = List.of(file("same.txt", "1"), file("edited.txt", "9"), file("only-server.txt", "5"),
                FileEntry.file("touched.txt", 10, 9_000L, false, "4".repeat(64)));
        long[] keys = client.stream().mapToLong(EntryKey::of).toArray();

        ManifestKeys.Split split = ManifestKeys.split(server, keys, EntryKey.MAX_BYTES);
        Map<String, FileEntry> tree = ManifestKeys.tree(split.theyLack(), split.same(), client);

        assertThat(split.theyLack()).extracting(FileEntry::path).containsExactlyInAnyOrder("edited.txt", "only-server.txt");
        assertThat(tree.keySet()).containsExactlyInAnyOrder("same.txt", "edited.txt", "only-server.txt", "touched.txt");
        assertThat(tree.get("edited.txt").hash()).isEqualTo("9".repeat(64));
        // an mtime-only difference is no difference: the client's entry stands for the server's
        assertThat(tree.get("touched.txt").sameContent(server.get(3))).isTrue();
    }

    @Test
    void keysDependOnPathAndContentNotOnMtime() {
        assertThat(EntryKey.of(file("a", "1"))).isEqualTo(EntryKey.of(FileEntry.file("a", 10, 7L, false, "1".repeat(64))))
                .isNotEqualTo(EntryKey.of(file("b", "1"))).isNotEqualTo(EntryKey.of(file("a", "2")))
                .isNotEqualTo(EntryKey.of(FileEntry.file("a", 10, 1_000L, true, "1".repeat(64))));
    }

    @Test
    void shortKeysSplitLikeLongOnesAndTheTreeDigestCatchesACollision() throws Exception {
        List<FileEntry> client = List.of(file("same.txt", "1"), file("edited.txt", "2"), file("only-client.txt", "3"));
        List<FileEntry> server = List.of(file("same.txt", "1"), file("edited.txt", "9"), file("only-server.txt", "5"));
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        ManifestKeys.write(client, 4, wire);
        assertThat(wire.size()).isEqualTo(12);
        java.nio.file.Path spool = java.nio.file.Files.write(java.nio.file.Files.createTempFile("keys", ".bin"), wire.toByteArray());
        long[] keys = ManifestKeys.read(spool, 4, 1 << 20);
        java.nio.file.Files.delete(spool);

        ManifestKeys.Split split = ManifestKeys.split(server, keys, 4);
        Map<String, FileEntry> tree = ManifestKeys.tree(split.theyLack(), split.same(), client);
        assertThat(split.theyLack()).extracting(FileEntry::path).containsExactlyInAnyOrder("edited.txt", "only-server.txt");
        assertThat(TreeDigest.of(tree.values())).isEqualTo(TreeDigest.of(server));

        // a "same" bit set by a collision: the client would believe the server has its only-client.txt
        java.util.BitSet wrong = split.same();
        wrong.set(2);
        Map<String, FileEntry> believed = ManifestKeys.tree(split.theyLack(), wrong, client);
        assertThat(TreeDigest.of(believed.values())).isNotEqualTo(TreeDigest.of(server));
    }

    @Test
    void keysGrowWithTheFolderSoCollisionsStayRare() {
        assertThat(ManifestKeys.keyBytesFor(10)).as("a handful of files: 8-byte keys, no digest").isEqualTo(8);
        assertThat(ManifestKeys.keyBytesFor(100)).isEqualTo(4);
        assertThat(ManifestKeys.keyBytesFor(2_000)).isEqualTo(4);
        assertThat(ManifestKeys.keyBytesFor(10_000)).isEqualTo(5);
        assertThat(ManifestKeys.keyBytesFor(100_000)).isEqualTo(6);
        assertThat(ManifestKeys.keyBytesFor(Integer.MAX_VALUE)).isEqualTo(8);
    }

    @Test
    void aKeyListThatDoesNotDivideIntoKeysIsRefused() throws Exception {
        java.nio.file.Path spool = java.nio.file.Files.write(java.nio.file.Files.createTempFile("keys", ".bin"), new byte[10]);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ManifestKeys.read(spool, 4, 1 << 20))
                    .isInstanceOf(RemoteException.class).hasMessageContaining("4-byte keys");
        } finally {
            java.nio.file.Files.delete(spool);
        }
    }
}
