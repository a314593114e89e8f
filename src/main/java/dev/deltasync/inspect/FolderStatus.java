package dev.deltasync.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.FolderScanner;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.MetadataDir;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.SyncStateStore;

/**
 * What {@code deltasync status} tells about a folder, read from disk without the process that syncs it: the
 * status record that process keeps, the last-synced state (when no process holds it), a scan that compares
 * sizes and times (no hashing), the conflict copies and the trash.
 */
public final class FolderStatus {

    private FolderStatus() {
    }

    /** The facts as an ordered map of plain values (strings, numbers, booleans, lists), for text and JSON. */
    public static Map<String, Object> of(Path root) throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("folder", root.toString());
        Map<String, String> record = FolderRecord.read(root);
        boolean hasMetadata = Files.isDirectory(MetadataDir.of(root));
        facts.put("role", record.getOrDefault("role", hasMetadata ? "unknown" : "none (never synced)"));
        facts.put("server".equals(record.get("role")) ? "listening" : "server", record.getOrDefault("address", ""));
        facts.put("mode", record.getOrDefault("mode", ""));
        facts.put("last_sync", record.getOrDefault("last-sync", ""));
        facts.put("last_result", record.getOrDefault("last-result", ""));
        facts.put("last_summary", record.getOrDefault("last-summary", ""));
        long pid = parseLong(record.get("live.pid"));
        boolean running = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        facts.put("running", running);
        if (running) {
            facts.put("pid", pid);
            facts.put("running_since", record.getOrDefault("live.started", ""));
            if ("server".equals(record.get("role"))) {
                facts.put("clients", listed(record, "live.clients"));
            } else {
                facts.put("connected", record.getOrDefault("live.connected", "not yet known"));
            }
            facts.put("transfers", listed(record, "live.transfers"));
        }
        Map<String, FileEntry> scanned = scan(root);
        facts.put("files", scanned.values().stream().filter(e -> !e.isDir()).count());
        facts.put("pending_local_changes", running && record.containsKey("live.pending")
                ? listed(record, "live.pending") : pending(root, scanned, running));
        List<ConflictCopies.Copy> conflicts = ConflictCopies.in(root);
        facts.put("conflict_copies", conflicts.stream().map(ConflictCopies.Copy::copy).toList());
        facts.put("trash_bytes", sizeOf(MetadataDir.trashDir(root)));
        return facts;
    }

    /**
     * The paths changed here since the last sync ("+ new", "~ changed", "- deleted"), compared by size and time;
     * a string instead of a list when it cannot be known.
     */
    private static Object pending(Path root, Map<String, FileEntry> scanned, boolean running) {
        if (!SyncStateStore.existsIn(root)) {
            return "unknown: never synced";
        }
        Map<String, FileEntry> base;
        try (SyncStateStore state = SyncStateStore.openReadOnly(root)) {
            List<String> peers = state.peerIds();
            if (peers.isEmpty()) {
                return "none: a server folder has no pending changes (it announces them to its clients at once)";
            }
            base = state.load(peers.get(0));
        } catch (IOException | RuntimeException e) {
            return running ? "unknown while the process runs (it syncs changes as they happen)"
                    : "unknown: the sync state is in use by another process";
        }
        List<String> changes = new ArrayList<>();
        scanned.forEach((path, now) -> {
            FileEntry then = base.get(path);
            if (then == null) {
                changes.add("+ " + path);
            } else if (!now.isDir() && (then.kind() != now.kind() || then.size() != now.size()
                    || (now.isFile() && then.mtimeMillis() != now.mtimeMillis())
                    || !then.linkTarget().equals(now.linkTarget()))) {
                changes.add("~ " + path);
            }
        });
        base.keySet().stream().filter(path -> !scanned.containsKey(path)).forEach(path -> changes.add("- " + path));
        changes.sort(java.util.Comparator.comparing(c -> c.substring(2)));
        return changes;
    }

    /** The folder as a sync would see it, without reading any file's content. */
    private static Map<String, FileEntry> scan(Path root) throws IOException {
        ScanCache noHashing = new ScanCache() {
            public String hashIfUnchanged(String path, long size, long mtimeMillis) { return "unhashed"; }
            public void remember(String path, long size, long mtimeMillis, String hash) { }
            public void retainOnly(Set<String> paths) { }
        };
        return new FolderScanner(root, IgnoreRules.load(root), noHashing).scan().entries();
    }

    /** A list fact of the record ({@link LiveFacts#SEPARATOR} between entries). */
    private static List<String> listed(Map<String, String> record, String key) {
        String value = record.getOrDefault(key, "");
        return value.isEmpty() ? List.of() : List.of(value.split(LiveFacts.SEPARATOR));
    }

    private static long sizeOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long parseLong(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
