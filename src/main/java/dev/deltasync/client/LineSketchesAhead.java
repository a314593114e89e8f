package dev.deltasync.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.deltasync.rpc.Pending;
import dev.deltasync.sync.FileEntry;

/**
 * The line sketch of the small files whose content differs from the server's version we know, asked with the manifest
 * request. Edited text files go as line edits, which start with the server's sketch of its versions: asked after the
 * plan, it costs a round trip of its own. Asked ahead, the line edits take the answer already in when their files
 * are exactly the ones asked about, in the same order (the plan's, by path); otherwise they ask as before. An answer
 * is taken once.
 */
final class LineSketchesAhead {

    /** A sketch asked ahead: its number, and its first answer. */
    record Asked(int sketch, List<String> paths, Pending<LineSketchAnswer> answer) {
    }

    /** How a sketch is asked for (the remote folder's {@link RemoteFolder#askLineSketch}). */
    @FunctionalInterface
    interface Asker {
        Pending<LineSketchAnswer> ask(int sketch, List<String> paths, long from, int count) throws IOException;
    }

    private final Asker asker;
    private Asked ahead;

    LineSketchesAhead(Asker asker) {
        this.asker = asker;
    }

    /**
     * Asks, without waiting, for the sketch of the files of {@code ours} that may go as line edits: small files that
     * differ from the server's {@code known} small version. None when there are none, or more than one sketch holds.
     */
    synchronized void askAhead(Collection<FileEntry> ours, Map<String, FileEntry> known) throws IOException {
        ahead = null;
        List<String> paths = new ArrayList<>();
        long bytes = 0;
        for (FileEntry entry : ours) {
            FileEntry theirs = known.get(entry.path());
            if (editable(entry) && editable(theirs) && !theirs.hash().equals(entry.hash())) {
                paths.add(entry.path());
                bytes += entry.size() + theirs.size();
            }
        }
        if (paths.isEmpty() || paths.size() > LineEditExchange.MAX_FILES || bytes > LineEditExchange.MAX_BYTES) {
            return;
        }
        paths.sort(null);
        int sketch = LineEditExchange.nextSketch();
        ahead = new Asked(sketch, List.copyOf(paths),
                asker.ask(sketch, paths, 0, LineEditExchange.firstSymbols(paths.size())));
    }

    /** The sketch asked ahead for exactly {@code paths}, in this order, if there is one; taken once. */
    synchronized Optional<Asked> take(List<String> paths) {
        Asked asked = ahead;
        if (asked == null || !asked.paths().equals(paths)) {
            return Optional.empty();
        }
        ahead = null;
        return Optional.of(asked);
    }

    private static boolean editable(FileEntry entry) {
        return entry != null && entry.isFile() && entry.size() > 0 && entry.size() <= LineEditExchange.MAX_FILE;
    }
}
