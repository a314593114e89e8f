package dev.deltasync.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.deltasync.folder.PartialStore;
import dev.deltasync.rpc.Pending;
import dev.deltasync.rpc.Requests;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.GetPartial;
import dev.deltasync.wire.Message;

/**
 * The questions "what did you keep of my cut upload of this file?" for one cycle. A big file about to be uploaded
 * needs the answer before its first byte leaves; asked then, it costs a round trip of its own after the plan. So the
 * files likely to go up (big files whose content differs from the server's version we know) are asked about up front,
 * with the manifest request, and their upload takes the answer that is already in. Any other file is asked about
 * when it goes, as before. An answer is taken once: a retry asks again.
 */
final class KeptUploadQuestions {

    /** At most this many files are asked about up front (a first contact with many big files asks on demand). */
    static final int MAX_AHEAD = 64;

    private final Requests requests;
    private final Map<String, Asked> ahead = new ConcurrentHashMap<>();

    private record Asked(Pending<Message> answer, ByteArrayOutputStream content) {
    }

    KeptUploadQuestions(Requests requests) {
        this.requests = requests;
    }

    /** Asks, without waiting, about each big file of {@code ours} whose content the server's {@code known} lacks. */
    void askAhead(Collection<FileEntry> ours, Map<String, FileEntry> known) throws IOException {
        for (FileEntry entry : ours) {
            if (ahead.size() >= MAX_AHEAD) {
                return;
            }
            if (entry.isFile() && entry.size() >= PartialStore.MIN_SIZE && !ahead.containsKey(entry.path())
                    && !sameContent(entry, known.get(entry.path()))) {
                ahead.put(entry.path(), ask(entry.path()));
            }
        }
    }

    /** What the server kept of our cut upload of {@code path}: the answer asked ahead, or asked now. */
    Optional<KeptUpload> of(String path) throws IOException {
        Asked asked = ahead.remove(path);
        if (asked == null) {
            asked = ask(path);
        }
        asked.answer().await();
        return KeptUpload.read(new ByteArrayInputStream(asked.content().toByteArray()));
    }

    private Asked ask(String path) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        return new Asked(requests.stream(new GetPartial(path), null, content), content);
    }

    private static boolean sameContent(FileEntry ours, FileEntry theirs) {
        return theirs != null && theirs.isFile() && theirs.hash().equals(ours.hash());
    }
}
