package dev.deltasync.inspect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.deltasync.rpc.ProgressBoard;
import dev.deltasync.rpc.ProgressEvent;

/**
 * Keeps the live facts of a running process in its {@link FolderRecord} current (transfers under way; for a client
 * whether it is connected and the local changes still waiting), so that {@code deltasync status} run beside it can
 * tell them. Checked every second, right after the progress tick ({@link ProgressBoard#tickEvery}); the record is
 * rewritten only when a fact or another value of the record changed.
 */
public final class LiveFacts implements Runnable {

    /** Entries of a list fact are separated by this (a path may hold a comma, hardly ever this). */
    public static final String SEPARATOR = "; ";

    private final FolderRecord record;
    private final Map<String, Supplier<String>> facts = new LinkedHashMap<>();

    public LiveFacts(FolderRecord record, ProgressBoard transfers) {
        this.record = record;
        fact("live.transfers", () -> transfers(transfers.running()));
    }

    /** Adds a fact, {@code live.<name>}, read from {@code value} on every check. */
    public synchronized LiveFacts fact(String key, Supplier<String> value) {
        facts.put(key, value);
        return this;
    }

    @Override
    public synchronized void run() {
        for (Map.Entry<String, Supplier<String>> fact : facts.entrySet()) {
            record.set(fact.getKey(), fact.getValue().get());
        }
        record.writeIfChanged(); // also what was set since the last check (a client's last sync)
    }

    /** "big.iso: comparing 40%; notes.txt: receiving 3%". */
    static String transfers(List<ProgressEvent> running) {
        return String.join(SEPARATOR, running.stream()
                .map(e -> e.path() + ": " + e.phase().words() + " " + e.percent() + "%").toList());
    }

    /** A list of entries as one fact's value. */
    public static String list(List<String> entries) {
        return String.join(SEPARATOR, entries);
    }
}
