package dev.deltasync.session;

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
 * requests get the next symbols without naming the files again. A few are kept at once, the oldest forgotten (its
 * client then gets an error and sends those files another way).
 */
final class LineSketches {

    /** Sketches one connection may have under way. */
    private static final int HELD = 4;
    /** Bytes of files one sketch reads. */
    static final long MAX_BYTES = 16L << 20;
    /**
     * Keys one sketch holds (~40 bytes each with their symbol mappings: 20 MB, 80 MB for the sketches a connection
     * may hold); a file that would pass it is left out. A client's sketch of 4 MiB of text holds ~100,000.
     */
    static final int MAX_KEYS = LineEditFormat.MAX_KEYS;

    private record Held(KeySketch sketch, List<Integer> excluded, int keys) {
    }

    private final Map<Integer, Held> held = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Held> eldest) {
            return size() > HELD;
        }
    };

    synchronized void answer(GetLineSketch request, LocalFolder folder, OutputStream out) throws IOException {
        Held sketch;
        if (request.from() == 0) {
            sketch = start(request.paths(), folder);
            held.put(request.sketch(), sketch);
        } else {
            sketch = held.get(request.sketch());
            if (sketch == null || sketch.sketch().made() != request.from()) {
                throw new RemoteException(ErrorCodes.PROTOCOL, "line sketch " + request.sketch() + " is not under way "
                        + "at symbol " + request.from() + (sketch == null ? "" : " (it is at " + sketch.sketch().made() + ")"));
            }
        }
        LineSketchAnswer.write(sketch.excluded(), sketch.keys(), sketch.sketch().symbols(request.count()), out);
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
            byte[] content = Files.readAllBytes(folder.resolve(paths.get(i)));
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
