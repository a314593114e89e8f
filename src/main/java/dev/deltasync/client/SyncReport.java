package dev.deltasync.client;

import java.util.ArrayList;
import java.util.List;

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
