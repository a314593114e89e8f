package dev.deltasync.server;

import dev.deltasync.client.LineSketchAnswer;
import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.TestThreads;
import dev.deltasync.rpc.RemoteException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deltasync.lines.LineKeys;
import dev.deltasync.lines.Lines;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.KeySketchDecoder;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.Trash;
import dev.deltasync.wire.GetLineSketch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's side of a line sketch: the files it leaves out, and symbols that continue where they stopped. */
class LineSketchesTest {

    private final TestThreads threads = new TestThreads();

    @org.junit.jupiter.api.AfterEach
    void stopThreads() {
        threads.close();
    }

    @TempDir
    Path root;

    @Test
    void theSketchOfTheServersLinesDecodesAgainstTheClientsInSteps() throws Exception {
        Files.writeString(root.resolve("a.txt"), "one\ntwo\nthree\n");
        Files.writeString(root.resolve("b.txt"), "x\ny\n");
        Files.createDirectories(root.resolve("dir"));
        LocalFolder folder = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root), threads);
        LineSketches sketches = new LineSketches();

        LineSketchAnswer first = answer(sketches, folder, new GetLineSketch(7, List.of("a.txt", "gone.txt", "dir",
                "b.txt"), 0, 2));
        assertThat(first.excluded()).containsExactly(1, 2);
        assertThat(first.keys()).isEqualTo(5);

        byte[] ours = "one\n2\nthree\n".getBytes(StandardCharsets.UTF_8);
        byte[] theirsB = "x\ny\n".getBytes(StandardCharsets.UTF_8);
        long[] keys = concat(LineKeys.of(0, ours, Lines.starts(ours)), LineKeys.of(3, theirsB, Lines.starts(theirsB)));
        KeySketchDecoder decoder = new KeySketchDecoder(keys, LineKeys.KEY_BYTES, LineSketchAnswer.CHECK_BYTES,
                first.keys());
        decoder.add(first.symbols());
        while (!decoder.decoded()) {
            decoder.add(answer(sketches, folder, new GetLineSketch(7, List.of(), decoder.received(), 2)).symbols());
        }

        byte[] theirsA = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
        long two = LineKeys.of(0, theirsA, Lines.starts(theirsA))[1];
        assertThat(decoder.theirsOnly()).containsExactly(two);
        assertThat(decoder.oursOnly()).containsExactly(LineKeys.of(0, ours, Lines.starts(ours))[1]);
    }

    @Test
    void symbolsThatDoNotContinueTheSketchOrOfAnUnknownSketchAreRefused() throws Exception {
        Files.writeString(root.resolve("a.txt"), "one\ntwo\n");
        LocalFolder folder = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root), threads);
        LineSketches sketches = new LineSketches();
        answer(sketches, folder, new GetLineSketch(1, List.of("a.txt"), 0, 10));

        assertThatThrownBy(() -> answer(sketches, folder, new GetLineSketch(1, List.of(), 20, 10)))
                .isInstanceOf(RemoteException.class).hasMessageContaining("it is at 10");
        assertThatThrownBy(() -> answer(sketches, folder, new GetLineSketch(2, List.of(), 10, 10)))
                .isInstanceOf(RemoteException.class).hasMessageContaining("not under way");
    }

    @Test
    void sixteenSketchesAreKeptAndTheLeastRecentlyUsedIsForgottenFirst() throws Exception {
        Files.writeString(root.resolve("a.txt"), "one\ntwo\n");
        LocalFolder folder = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root), threads);
        LineSketches sketches = new LineSketches();
        for (int id = 1; id <= 16; id++) {
            answer(sketches, folder, new GetLineSketch(id, List.of("a.txt"), 0, 4));
        }
        answer(sketches, folder, new GetLineSketch(1, List.of(), 4, 4)); // used again: 2 is now the oldest

        answer(sketches, folder, new GetLineSketch(17, List.of("a.txt"), 0, 4));

        assertThatThrownBy(() -> answer(sketches, folder, new GetLineSketch(2, List.of(), 4, 4)))
                .isInstanceOf(RemoteException.class).hasMessageContaining("not under way");
        assertThat(answer(sketches, folder, new GetLineSketch(1, List.of(), 8, 4)).symbols().from()).isEqualTo(8);
        assertThat(answer(sketches, folder, new GetLineSketch(3, List.of(), 4, 4)).symbols().from()).isEqualTo(4);
        assertThat(answer(sketches, folder, new GetLineSketch(17, List.of(), 4, 4)).symbols().from()).isEqualTo(4);
    }

    private static LineSketchAnswer answer(LineSketches sketches, LocalFolder folder, GetLineSketch request)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sketches.answer(request, folder, out);
        return LineSketchAnswer.read(out.toByteArray(), request.from(), request.count());
    }

    private static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
