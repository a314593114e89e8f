package dev.deltasync.manifest;

import dev.deltasync.sync.FileEntry;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The server's recent manifest versions, so that a client that names the version it holds gets only
 * what changed since. Every scan that differs from the previous one becomes a new version, kept as its
 * difference, and so does every change the server applies for a client ({@link #record}): the client learns
 * the version its change led to and the one it was applied on, and when those chain from the version it holds
 * it applies its own changes to its copy of the manifest instead of receiving them back. The oldest differences
 * are dropped beyond a bound, and a version string names this server process (a restarted server knows no old
 * version and answers in full). Shared by all sessions; thread-safe.
 */
public final class ManifestHistory {

    /** What to send: the whole manifest, or the difference since the version asked for. */
    public record Answer(List<FileEntry> entries, List<String> removed, String version, boolean diff) {
    }

    /**
     * Where the server's scans changed between two scans (by their numbers): a superset of the paths whose entries
     * differ, or empty when not known.
     */
    @FunctionalInterface
    public interface ScanChanges {
        ScanChanges UNKNOWN = (from, to) -> java.util.Optional.empty();

        java.util.Optional<? extends Collection<String>> between(long from, long to);
    }

    /** A recorded change: {@code version} was made from {@code basedOn} by that change alone. */
    public record Recorded(long basedOn, long version) {
    }

    /** @param replaced the hash each path it changed or removed had before, if that was a file */
    private record Step(long version, Map<String, FileEntry> changed, Set<String> removed,
                        Map<String, String> replaced) {
        int size() {
            return changed.size() + removed.size();
        }
    }

    private final String instance;
    private final int maxSteps;
    private final long maxStepEntries;
    private final ArrayDeque<Step> steps = new ArrayDeque<>();
    /** The version of each path's latest recorded change, until a scan that began after it has seen it. */
    private final Map<String, Long> recordedIn = new HashMap<>();
    private final Map<String, FileEntry> current = new HashMap<>();
    private long version;
    private long stepEntries;
    /** The number of the scan {@link #current} was last advanced to, -1 before the first. */
    private long scanNumber = -1;
    /** The version last sent to a client in a manifest answer (0: none yet). */
    private long answered;
    /** Paths of scans compared with {@link #current} so far: what answering costs. */
    private long pathsCompared;

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

    /** The current version number: take it before a scan, to name when the scan began. */
    public synchronized long version() {
        return version;
    }

    /** Paths of the folder's scans compared with the manifest so far (what answering cost). */
    public synchronized long pathsCompared() {
        return pathsCompared;
    }

    /** Files in the manifest as last answered or recorded (0 before the first client asked for it). */
    public synchronized long files() {
        return current.values().stream().filter(FileEntry::isFile).count();
    }

    /** {@link #answer(String, Map, long)} for a scan that began just now (no change recorded during it). */
    public synchronized Answer answer(String since, Map<String, FileEntry> scan) {
        return answer(since, scan, version);
    }

    /**
     * @param since       the version the client holds ("" = none)
     * @param scan        the folder as just scanned
     * @param scanBeganAt {@link #version()} when the scan began: a path whose change was recorded after that may
     *                    be stale in the scan, so its recorded entry stands
     */
    public synchronized Answer answer(String since, Map<String, FileEntry> scan, long scanBeganAt) {
        return answer(since, scan, scanBeganAt, -1, ScanChanges.UNKNOWN);
    }

    /**
     * {@link #answer(String, Map, long)} for scan number {@code scanNumber}: when {@code changes} can say where the
     * scans changed since the one last answered from, only those paths are compared, so that an answer costs in
     * proportion to what changed, not to the folder.
     */
    public synchronized Answer answer(String since, Map<String, FileEntry> scan, long scanBeganAt, long scanNumber,
                                      ScanChanges changes) {
        advanceTo(scan, scanBeganAt, scanNumber, changes);
        answered = version;
        return difference(since).orElseGet(() -> new Answer(List.copyOf(current.values()), List.of(),
                new ManifestVersion(instance, version).toString(), false));
    }

    /**
     * Takes in the folder as just scanned (a new version when it differs), as a manifest request would.
     * @param scanBeganAt see {@link #answer(String, Map, long)}
     */
    public synchronized void advance(Map<String, FileEntry> scan, long scanBeganAt, long scanNumber,
                                     ScanChanges changes) {
        advanceTo(scan, scanBeganAt, scanNumber, changes);
    }

    /** The version the last manifest answer gave a client, as a client names it ("" before the first answer). */
    public synchronized String lastAnswered() {
        return answered == 0 ? "" : new ManifestVersion(instance, answered).toString();
    }

    /** The current version as a client names it. */
    public synchronized String currentVersion() {
        return new ManifestVersion(instance, version).toString();
    }

    /**
     * What changed from version {@code since} to the current one, without looking at the folder; empty when this
     * process cannot answer from {@code since} (none, another process's, or dropped).
     */
    public synchronized java.util.Optional<Answer> difference(String since) {
        Long held = versionOf(since);
        if (held == null) {
            return java.util.Optional.empty();
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
        return java.util.Optional.of(new Answer(List.copyOf(changed.values()), List.copyOf(removed),
                new ManifestVersion(instance, version).toString(), true));
    }

    /**
     * The content hash each of {@code paths} had in version {@code since}, for those that were files then (a push
     * names the version a live client holds of a file it sends as an edit); empty when this process cannot answer
     * from {@code since}.
     */
    public synchronized Map<String, String> fileHashesAt(String since, Collection<String> paths) {
        Long held = versionOf(since);
        Map<String, String> hashes = new HashMap<>();
        if (held == null) {
            return hashes;
        }
        for (String path : paths) {
            String hash = hashAt(held, path);
            if (hash != null) {
                hashes.put(path, hash);
            }
        }
        return hashes;
    }

    /** The first change after {@code held} tells what the path was then; without one it still is as it was. */
    private String hashAt(long held, String path) {
        for (Step step : steps) {
            if (step.version() > held && (step.changed().containsKey(path) || step.removed().contains(path))) {
                return step.replaced().get(path);
            }
        }
        FileEntry now = current.get(path);
        return now != null && now.isFile() ? now.hash() : null;
    }

    /** Whether this process can still answer what changed since {@code since} ({@link #difference} is not empty). */
    public synchronized boolean answersFrom(String since) {
        return versionOf(since) != null;
    }

    /** The version number named by {@code since} if this process can still answer from it, else null. */
    private Long versionOf(String since) {
        ManifestVersion named = ManifestVersion.parse(since).orElse(null);
        if (named == null || !named.process().equals(instance)) {
            return null;
        }
        long held = named.number();
        long oldest = steps.isEmpty() ? version : steps.peekFirst().version() - 1;
        return held >= oldest && held <= version ? held : null;
    }

    /**
     * Records a change this server applied for a client (files it installed, paths it removed), as a version
     * of its own. Null before the first answer (no client holds a version yet) or for no change.
     */
    public synchronized Recorded record(Collection<FileEntry> changed, Collection<String> removed) {
        if (version == 0 || (changed.isEmpty() && removed.isEmpty())) {
            return null;
        }
        Map<String, FileEntry> stepChanged = new HashMap<>();
        Set<String> stepRemoved = new HashSet<>();
        Map<String, String> replaced = new HashMap<>();
        long basedOn = version;
        version++;
        for (FileEntry entry : withNewParents(changed, current::containsKey)) {
            noteReplaced(entry.path(), replaced);
            current.put(entry.path(), entry);
            stepChanged.put(entry.path(), entry);
            recordedIn.put(entry.path(), version);
        }
        for (String path : removed) {
            noteReplaced(path, replaced);
            current.remove(path);
            stepChanged.remove(path);
            stepRemoved.add(path);
            recordedIn.put(path, version);
        }
        append(new Step(version, stepChanged, stepRemoved, replaced));
        return new Recorded(basedOn, version);
    }

    /**
     * {@code changed} plus, as directories, the folders above them that the manifest does not hold yet: what
     * installing them created. Server and client apply the same rule to the same version, so their copies stay
     * equal (a directory's mtime, 0 here, is no change anyway).
     */
    public static List<FileEntry> withNewParents(Collection<FileEntry> changed,
                                          Predicate<String> inManifest) {
        Map<String, FileEntry> all = new LinkedHashMap<>();
        for (FileEntry entry : changed) {
            String path = entry.path();
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                String parent = path.substring(0, slash);
                if (!inManifest.test(parent)) {
                    all.putIfAbsent(parent, FileEntry.dir(parent, 0));
                }
            }
        }
        changed.forEach(entry -> all.put(entry.path(), entry));
        return List.copyOf(all.values());
    }

    private void advanceTo(Map<String, FileEntry> scan, long scanBeganAt, long number, ScanChanges changes) {
        Map<String, FileEntry> changed = new HashMap<>();
        Set<String> removed = new HashSet<>();
        Collection<String> since = scanNumber < 0 || number < 0 || version == 0 ? null
                : changes.between(scanNumber, number).orElse(null);
        if (since != null) {
            // every other path is as the last scan answered from saw it, and so is its entry here
            Set<String> paths = new HashSet<>(since);
            paths.addAll(recordedIn.keySet());
            pathsCompared += paths.size();
            for (String path : paths) {
                FileEntry entry = scan.get(path);
                if (recordedDuring(path, scanBeganAt)) {
                    continue;
                }
                if (entry != null && !unchanged(entry, current.get(path))) {
                    changed.put(path, entry);
                } else if (entry == null && current.containsKey(path)) {
                    removed.add(path);
                }
            }
        } else {
            pathsCompared += scan.size() + current.size();
            scan.forEach((path, entry) -> {
                if (!unchanged(entry, current.get(path)) && !recordedDuring(path, scanBeganAt)) {
                    changed.put(path, entry);
                }
            });
            current.keySet().forEach(path -> {
                if (!scan.containsKey(path) && !recordedDuring(path, scanBeganAt)) {
                    removed.add(path);
                }
            });
        }
        scanNumber = number;
        recordedIn.values().removeIf(recorded -> recorded <= scanBeganAt); // this scan saw those
        if (changed.isEmpty() && removed.isEmpty() && version > 0) {
            return;
        }
        version++;
        Map<String, String> replaced = new HashMap<>();
        changed.keySet().forEach(path -> noteReplaced(path, replaced));
        removed.forEach(path -> noteReplaced(path, replaced));
        current.putAll(changed);
        removed.forEach(current::remove);
        append(new Step(version, changed, removed, replaced));
    }

    /** Notes the hash {@code path} has now, if it is a file, before a step changes it (the first note stands). */
    private void noteReplaced(String path, Map<String, String> replaced) {
        FileEntry before = current.get(path);
        if (before != null && before.isFile()) {
            replaced.putIfAbsent(path, before.hash());
        }
    }

    /**
     * A directory's mtime moves with every file added or removed in it, and nothing syncs it: a directory that is
     * still a directory is no change (else every upload came back to its client as the directories it touched).
     */
    private static boolean unchanged(FileEntry scanned, FileEntry held) {
        return held != null && (scanned.isDir() && held.isDir() || scanned.equals(held));
    }

    private boolean recordedDuring(String path, long scanBeganAt) {
        Long recorded = recordedIn.get(path);
        return recorded != null && recorded > scanBeganAt;
    }

    private void append(Step step) {
        steps.addLast(step);
        stepEntries += step.size();
        while (steps.size() > maxSteps || (stepEntries > maxStepEntries && steps.size() > 1)) {
            stepEntries -= steps.removeFirst().size();
        }
    }
}
