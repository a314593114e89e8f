package dev.deltasync.server;

import dev.deltasync.client.LineSketchAnswer;
import dev.deltasync.folder.LocalFolder;
import dev.deltasync.rpc.RemoteException;

import dev.deltasync.lines.LineEditFormat;
import dev.deltasync.lines.LineKeys;
import dev.deltasync.lines.Lines;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.KeySketch;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.GetLineSketch;
import dev.deltasync.wire.PutLines;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's side of line sketches, one per connection: the sketch a client started, kept so that its following
 * requests get the next symbols without naming the files again. Up to 16 are kept at once and ~1 million lines in
 * all; past that the least recently used is forgotten (its client then gets an error and sends those files another
 * way).
 */
final class LineSketches {

    /**
     * Sketches one connection may have under way: a client runs a sketch per 256 edited files, several at once when
     * many files changed.
     */
    private static final int HELD = 16;
    /** Bytes of files one sketch reads. */
    static final long MAX_BYTES = 16L << 20;
    /**
     * Keys one sketch holds (~40 bytes each with their symbol mappings, 20 MB); a file that would pass it is left
     * out. A client's sketch of 4 MiB of text holds ~100,000.
     */
    static final int MAX_KEYS = LineEditFormat.MAX_KEYS;
    /** Keys all the sketches of a connection hold (~40 MB): the oldest are forgotten to stay under it. */
    static final int MAX_HELD_KEYS = 2 * MAX_KEYS;

    private record Held(KeySketch sketch, List<Integer> excluded, int keys) {
    }

    /** In the order they were last used: the first is the one to forget. */
    private final LinkedHashMap<Integer, Held> held = new LinkedHashMap<>(16, 0.75f, true);
    private long heldKeys;

    synchronized void answer(GetLineSketch request, LocalFolder folder, OutputStream out) throws IOException {
        Held sketch;
        if (request.from() == 0) {
            sketch = start(request.paths(), folder);
            hold(request.sketch(), sketch);
        } else {
            sketch = held.get(request.sketch());
            if (sketch == null || sketch.sketch().made() != request.from()) {
                throw new RemoteException(ErrorCodes.PROTOCOL, "line sketch " + request.sketch() + " is not under way "
                        + "at symbol " + request.from() + (sketch == null ? "" : " (it is at " + sketch.sketch().made() + ")"));
            }
        }
        LineSketchAnswer.write(sketch.excluded(), sketch.keys(), sketch.sketch().symbols(request.count()), out);
    }

    private void hold(int id, Held sketch) {
        Held replaced = held.put(id, sketch);
        heldKeys += sketch.keys() - (replaced == null ? 0 : replaced.keys());
        var eldest = held.entrySet().iterator();
        while ((held.size() > HELD || heldKeys > MAX_HELD_KEYS) && eldest.hasNext()) {
            Map.Entry<Integer, Held> forgotten = eldest.next();
            if (forgotten.getKey() == id) {
                continue; // the sketch just started stays
            }
            heldKeys -= forgotten.getValue().keys();
            eldest.remove();
        }
    }

    private static Held start(List<String> paths, LocalFolder folder) throws IOException {
        List<long[]> keys = new ArrayList<>();
        List<Integer> excluded = new ArrayList<>();
        long bytes = 0;
        int count = 0;
        for (int i = 0; i < paths.size(); i++) {
            FileEntry entry = folder.current(paths.get(i));
            if (entry == null || !entry.isFile() || entry.size() > PutLines.MAX_FILE || bytes + entry.size() > MAX_BYTES) {
                excluded.add(i);
                continue;
            }
            byte[] content = folder.readAllBytes(paths.get(i));
            long[] fileKeys = LineKeys.of(i, content, Lines.starts(content));
            if (content.length > PutLines.MAX_FILE || count + fileKeys.length > MAX_KEYS || !LineKeys.distinct(fileKeys)) {
                excluded.add(i);
                continue;
            }
            bytes += content.length;
            count += fileKeys.length;
            keys.add(fileKeys);
        }
        long[] all = new long[count];
        int at = 0;
        for (long[] fileKeys : keys) {
            System.arraycopy(fileKeys, 0, all, at, fileKeys.length);
            at += fileKeys.length;
        }
        return new Held(new KeySketch(all), List.copyOf(excluded), count);
    }
}
