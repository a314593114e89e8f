package dev.deltasync.session;

import dev.deltasync.sync.FileEntry;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's recent manifest versions, so that a client that names the version it holds gets only
 * what changed since. Every scan that differs from the previous one becomes a new version, kept as its
 * difference; the oldest differences are dropped beyond a bound, and a version string names this server
 * process (a restarted server knows no old version and answers in full). Shared by all sessions; thread-safe.
 */
public final class ManifestHistory {

    /** What to send: the whole manifest, or the difference since the version asked for. */
    public record Answer(List<FileEntry> entries, List<String> removed, String version, boolean diff) {
    }

    private record Step(long version, Map<String, FileEntry> changed, Set<String> removed) {
        int size() {
            return changed.size() + removed.size();
        }
    }

    private final String instance;
    private final int maxSteps;
    private final long maxStepEntries;
    private final ArrayDeque<Step> steps = new ArrayDeque<>();
    private Map<String, FileEntry> current = Map.of();
    private long version;
    private long stepEntries;

    public ManifestHistory() {
        this(1024, 200_000);
    }

    ManifestHistory(int maxSteps, long maxStepEntries) {
        byte[] id = new byte[8];
        new SecureRandom().nextBytes(id);
        this.instance = HexFormat.of().formatHex(id);
        this.maxSteps = maxSteps;
        this.maxStepEntries = maxStepEntries;
    }

    /**
     * @param since the version the client holds ("" = none)
     * @param scan  the folder as just scanned
     */
    public synchronized Answer answer(String since, Map<String, FileEntry> scan) {
        advanceTo(scan);
        String now = instance + ":" + version;
        Long held = versionOf(since);
        if (held == null) {
            return new Answer(List.copyOf(current.values()), List.of(), now, false);
        }
        Map<String, FileEntry> changed = new HashMap<>();
        Set<String> removed = new HashSet<>();
        for (Step step : steps) {
            if (step.version() > held) {
                step.changed().forEach((path, entry) -> {
                    changed.put(path, entry);
                    removed.remove(path);
                });
                step.removed().forEach(path -> {
                    changed.remove(path);
                    removed.add(path);
                });
            }
        }
        return new Answer(List.copyOf(changed.values()), List.copyOf(removed), now, true);
    }

    /** The version number named by {@code since} if this process can still answer from it, else null. */
    private Long versionOf(String since) {
        String prefix = instance + ":";
        if (!since.startsWith(prefix)) {
            return null;
        }
        long held;
        try {
            held = Long.parseLong(since.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return null;
        }
        long oldest = steps.isEmpty() ? version : steps.peekFirst().version() - 1;
        return held >= oldest && held <= version ? held : null;
    }

    private void advanceTo(Map<String, FileEntry> scan) {
        Map<String, FileEntry> changed = new HashMap<>();
        scan.forEach((path, entry) -> {
            if (!entry.equals(current.get(path))) {
                changed.put(path, entry);
            }
        });
        Set<String> removed = new HashSet<>();
        current.keySet().forEach(path -> {
            if (!scan.containsKey(path)) {
                removed.add(path);
            }
        });
        if (changed.isEmpty() && removed.isEmpty() && version > 0) {
            return;
        }
        version++;
        current = Map.copyOf(scan);
        Step step = new Step(version, changed, removed);
        steps.addLast(step);
        stepEntries += step.size();
        while (steps.size() > maxSteps || (stepEntries > maxStepEntries && steps.size() > 1)) {
            stepEntries -= steps.removeFirst().size();
        }
    }
}
