package dev.deltasync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.sync.Mode;
import dev.deltasync.wire.Changed;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.MessageCodec;
import dev.deltasync.wire.MessageType;
import dev.deltasync.wire.PushedStep;

/**
 * A push that carries the server's manifest step and small contents ({@link PushedStep}): a client holding the
 * step's base version syncs the change without asking for the manifest or the files; a stale step or a content that
 * does not hash to its entry is not used, and the cycle asks as before.
 */
class PushedStepSyncTest {

    /** What a cycle sends to learn the server's manifest or fetch its files. */
    private static final Set<Integer> ASKING = Set.of(MessageType.MANIFEST_REQUEST.code(),
            MessageType.GET_FILE.code(), MessageType.GET_BATCH.code(), MessageType.GET_SIGNATURE.code(),
            MessageType.GET_RANGES.code(), MessageType.GET_RANGE_SIGNATURES.code(),
            MessageType.GET_SHARED_ROUND.code(), MessageType.GET_LINE_SKETCH.code(),
            MessageType.GET_LINE_EDITS.code());

    @TempDir
    Path client;
    @TempDir
    Path server;

    @Test
    void aServerEditArrivesWithItsPushWithoutAManifestOrDownloadRequest() throws Exception {
        write(server, "notes.txt", "first version\n");
        write(server, "docs/keep.txt", "unchanged\n");
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();

            write(server, "notes.txt", "second version, a little longer\n");
            write(server, "docs/new.txt", "a new small file\n");
            Files.delete(server.resolve("docs/keep.txt"));
            peers.pushes().offer(overTheWire(peers.serverPush()));
            SyncReport report = peers.sync();

            assertThat(report.errors()).isEmpty();
            assertThat(peers.clientFiles()).isEqualTo(peers.serverFiles()).containsOnlyKeys("notes.txt", "docs/new.txt");
            assertThat(asked(peers)).as("requests for the manifest or files").isEmpty();

            // the manifest the client now holds is the server's: the next cycle asks for a difference and has nothing to do
            SyncReport next = peers.sync();
            assertThat(next.changedAnything()).isFalse();
            assertThat(types(peers)).contains(MessageType.MANIFEST_REQUEST.code());
        }
    }

    @Test
    void consecutivePushesChainIntoOneStep() throws Exception {
        write(server, "a.txt", "one\n");
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            write(server, "a.txt", "two, longer\n");
            PushedStep first = overTheWire(peers.serverPush());
            write(server, "b.txt", "three\n");
            PushedStep second = overTheWire(peers.serverPush());
            assertThat(second.basedOn()).isEqualTo(first.version());
            peers.pushes().offer(second); // pushes may arrive in any order
            peers.pushes().offer(first);

            assertThat(peers.sync().errors()).isEmpty();

            assertThat(peers.clientFiles()).isEqualTo(peers.serverFiles()).containsOnlyKeys("a.txt", "b.txt");
            assertThat(asked(peers)).isEmpty();
        }
    }

    @Test
    void aLocalEditOfThePushedFileIsStillAConflictForTheMode() throws Exception {
        write(server, "a.txt", "base\n");
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_SERVER_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            write(server, "a.txt", "the server's edit\n");
            write(client, "a.txt", "the client's own edit\n");
            peers.pushes().offer(overTheWire(peers.serverPush()));

            SyncReport report = peers.sync();

            assertThat(report.errors()).isEmpty();
            assertThat(peers.clientFiles()).containsEntry("a.txt", "the server's edit\n")
                    .containsValue("the client's own edit\n").hasSize(2);
            assertThat(peers.serverFiles()).isEqualTo(peers.clientFiles());
            assertThat(types(peers)).doesNotContain(MessageType.MANIFEST_REQUEST.code());
        }
    }

    @Test
    void aStepNotBasedOnTheHeldVersionIsIgnoredAndTheCycleStillConverges() throws Exception {
        write(server, "a.txt", "one\n");
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            write(server, "a.txt", "two, longer\n");
            peers.serverPush(); // this push never reached the client
            write(server, "b.txt", "three\n");
            peers.pushes().offer(overTheWire(peers.serverPush()));

            assertThat(peers.sync().errors()).isEmpty();

            assertThat(peers.clientFiles()).isEqualTo(peers.serverFiles()).containsOnlyKeys("a.txt", "b.txt");
            assertThat(types(peers)).contains(MessageType.MANIFEST_REQUEST.code());
        }
    }

    @Test
    void aPushedContentThatDoesNotMatchItsHashIsNotInstalled() throws Exception {
        write(server, "a.txt", "original\n");
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            write(server, "a.txt", "the server's edit\n");
            PushedStep step = peers.serverPush();
            assertThat(step.contents()).hasSize(1);
            byte[] tampered = "the attacker's bb\n".getBytes(StandardCharsets.UTF_8);
            assertThat(tampered).hasSameSizeAs(step.contents().get(0).bytes());
            peers.pushes().offer(overTheWire(new PushedStep(step.basedOn(), step.version(), step.changed(),
                    step.removed(), List.of(new PushedStep.Content("a.txt", tampered)))));

            assertThat(peers.sync().errors()).isEmpty();

            assertThat(peers.clientFiles()).containsEntry("a.txt", "the server's edit\n");
            assertThat(types(peers)).as("the step was good, the file is fetched")
                    .doesNotContain(MessageType.MANIFEST_REQUEST.code()).containsAnyElementsOf(ASKING);
        }
    }

    @Test
    void aOneLineServerEditOfATextFileArrivesAsALineEditWithNoRequest() throws Exception {
        String base = dev.deltasync.lines.SampleText.of(40 * 1024);
        write(server, "src/Big.java", base);
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            String edited = oneLineChanged(base);
            write(server, "src/Big.java", edited);

            PushedStep step = overTheWire(peers.serverPushWithEdits());
            peers.pushes().offer(step);
            SyncReport report = peers.sync();

            assertThat(step.contents()).isEmpty();
            assertThat(step.edits()).extracting(PushedStep.Edit::path).containsExactly("src/Big.java");
            assertThat(pushBytes(step)).as("the push's bytes, for a 40 KiB file").isLessThan(base.length() / 4);
            assertThat(report.errors()).isEmpty();
            assertThat(peers.clientFiles()).containsEntry("src/Big.java", edited)
                    .isEqualTo(peers.serverFiles());
            assertThat(asked(peers)).as("requests for the manifest or files").isEmpty();
        }
    }

    @Test
    void aLineEditThatDoesNotGiveTheServersVersionIsNotInstalledAndTheFileIsFetched() throws Exception {
        String base = dev.deltasync.lines.SampleText.of(40 * 1024);
        write(server, "big.txt", base);
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            String edited = oneLineChanged(base);
            write(server, "big.txt", edited);
            PushedStep step = peers.serverPushWithEdits();
            assertThat(step.edits()).hasSize(1);
            // an edit that applies to the client's copy but makes another text than the entry's hash names
            byte[] base8 = base.getBytes(StandardCharsets.UTF_8);
            byte[] wrong = dev.deltasync.lines.BaseLineEdit.of(
                    edited.replace("line 250 ", "line 250 not the server's ").getBytes(StandardCharsets.UTF_8),
                    dev.deltasync.lines.LineKeys.of(0, base8, dev.deltasync.lines.Lines.starts(base8))).orElseThrow();
            PushedStep.Edit good = step.edits().get(0);
            peers.pushes().offer(overTheWire(new PushedStep(step.basedOn(), step.version(), step.changed(),
                    step.removed(), List.of(), List.of(new PushedStep.Edit(good.path(), good.baseHash(), wrong)))));

            assertThat(peers.sync().errors()).isEmpty();

            assertThat(peers.clientFiles()).containsEntry("big.txt", edited).isEqualTo(peers.serverFiles());
            assertThat(types(peers)).as("the step was good, the file is fetched")
                    .doesNotContain(MessageType.MANIFEST_REQUEST.code()).containsAnyElementsOf(ASKING);
        }
    }

    @Test
    void aClientWhoseCopyIsNotTheEditsBaseKeepsItsOwnEditAsTheModeSays() throws Exception {
        String base = dev.deltasync.lines.SampleText.of(40 * 1024);
        write(server, "big.txt", base);
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_SERVER_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            String serverEdit = oneLineChanged(base);
            String clientEdit = base.replace("line 3 ", "line 3 the client's ");
            write(server, "big.txt", serverEdit);
            write(client, "big.txt", clientEdit);
            PushedStep step = overTheWire(peers.serverPushWithEdits());
            assertThat(step.edits()).hasSize(1);
            peers.pushes().offer(step);

            assertThat(peers.sync().errors()).isEmpty();

            assertThat(peers.clientFiles()).containsEntry("big.txt", serverEdit).containsValue(clientEdit).hasSize(2);
            assertThat(peers.serverFiles()).isEqualTo(peers.clientFiles());
        }
    }

    @Test
    void aClientThatMissedAPushFallsBackToFetchingTheFile() throws Exception {
        String base = dev.deltasync.lines.SampleText.of(40 * 1024);
        write(server, "big.txt", base);
        try (MemoryPeers peers = new MemoryPeers(client, server, Mode.UNION_CLIENT_WINS)) {
            assertThat(peers.sync().errors()).isEmpty();
            String first = oneLineChanged(base);
            write(server, "big.txt", first);
            peers.serverPushWithEdits(); // never reached the client
            String second = first.replace("line 300 ", "line 300 again ");
            write(server, "big.txt", second);
            PushedStep step = overTheWire(peers.serverPushWithEdits());
            assertThat(step.edits()).as("an edit against the first edit's version").hasSize(1);
            peers.pushes().offer(step);

            assertThat(peers.sync().errors()).isEmpty();

            assertThat(peers.clientFiles()).containsEntry("big.txt", second).isEqualTo(peers.serverFiles());
        }
    }

    /** Lines of numbered random hex, {@code bytes} long: text that compresses no better than 2:1. */

    private static String oneLineChanged(String text) {
        assertThat(text).contains("line 200 ");
        return text.replace("line 200 ", "line 200 edited on the server ");
    }

    /** The bytes a push of this step takes on the wire, compressed as the server sends it. */
    private static int pushBytes(PushedStep step) {
        return dev.deltasync.wire.FrameCompression.compressIfUseful(
                MessageCodec.encode(new Changed(List.of("x"), step), Integer.MIN_VALUE)).payload().length;
    }

    /** The step as a client receives it: encoded in a push and decoded. */
    private static PushedStep overTheWire(PushedStep step) {
        assertThat(step).as("the server's push carries a step").isNotNull();
        Frame frame = MessageCodec.encode(new Changed(List.of("x"), step), Integer.MIN_VALUE);
        return ((Changed) MessageCodec.decode(frame)).step();
    }

    private static List<Integer> types(MemoryPeers peers) {
        return peers.clientFrames().stream().map(Frame::type).toList();
    }

    private static Set<String> asked(MemoryPeers peers) {
        return peers.clientFrames().stream().filter(f -> ASKING.contains(f.type()))
                .map(f -> MessageType.of(f.type()).name()).collect(Collectors.toSet());
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
