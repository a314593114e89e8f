package dev.deltasync.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What one sync cycle did: the figures of CONTRACT.md's summary line and the per-file errors. */
public final class SyncReport {

    private int files;
    private long literal;
    private long matched;
    private int conflicts;
    private int deleted;
    private long bytesSent;
    private long bytesReceived;
    private long elapsedMs;
    private final List<String> errors = new ArrayList<>();
    private String refusal = "";
    private final Set<String> changedWhileSynced = new TreeSet<>();

    void fileTransferred(long literalBytes, long matchedBytes) {
        files++;
        literal += literalBytes;
        matched += matchedBytes;
    }

    void fileChanged() {
        files++;
    }

    void conflict() {
        conflicts++;
    }

    void deleted() {
        deleted++;
    }

    void error(String message) {
        errors.add(message);
    }

    /** {@code path} was not synced because it changed between the scan and its transfer (on either side). */
    void changedWhileSynced(String path) {
        changedWhileSynced.add(path);
    }

    /** The paths not synced because they changed while being synced: a cycle that scans again may sync them. */
    public Set<String> changedWhileSynced() {
        return Set.copyOf(changedWhileSynced);
    }

    /**
     * This cycle and {@code retry}, a later one over the same connection, as one run: what both did, the traffic
     * counted since the connection was made (as each cycle of a one-shot run counts it), and what still failed in
     * the retry.
     */
    public SyncReport followedBy(SyncReport retry) {
        SyncReport both = new SyncReport();
        both.files = files + retry.files;
        both.literal = literal + retry.literal;
        both.matched = matched + retry.matched;
        both.conflicts = conflicts + retry.conflicts;
        both.deleted = deleted + retry.deleted;
        both.finish(retry.bytesSent, retry.bytesReceived, elapsedMs + retry.elapsedMs);
        both.errors.addAll(retry.errors);
        both.refusal = retry.refusal;
        both.changedWhileSynced.addAll(retry.changedWhileSynced);
        return both;
    }

    /** The whole cycle was refused (a guard tripped): nothing was done. */
    void refused(String message) {
        errors.add(message);
        refusal = message;
    }

    /** Why the whole cycle was refused, or "" when it ran. */
    public String refusal() {
        return refusal;
    }

    public void finish(long sent, long received, long elapsed) {
        bytesSent = sent;
        bytesReceived = received;
        elapsedMs = elapsed;
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public int files() {
        return files;
    }

    public int conflicts() {
        return conflicts;
    }

    public int deletedCount() {
        return deleted;
    }

    public long literal() {
        return literal;
    }

    public long matched() {
        return matched;
    }

    public boolean changedAnything() {
        return files > 0 || deleted > 0 || conflicts > 0;
    }

    /** CONTRACT.md's summary line. */
    public String summaryLine() {
        return "synced: files=" + files + " bytes_sent=" + bytesSent + " bytes_received=" + bytesReceived
                + " literal=" + literal + " matched=" + matched + " conflicts=" + conflicts
                + " deleted=" + deleted + " elapsed_ms=" + elapsedMs;
    }
}
