package dev.deltasync.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deltasync.sync.FileEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A history told where its folder's scans changed answers exactly as one that compares every entry, over random
 * scans, client changes recorded between them (some during a scan) and requests since every version; and it
 * compares only the changed paths.
 */
class ManifestHistoryChangesTest {

    private static final int PATHS = 60;

    @Test
    void answersFromTheChangedPathsEqualAnswersFromEveryPath() {
        Random random = new Random(5);
        ManifestHistory whole = new ManifestHistory();
        ManifestHistory told = new ManifestHistory();
        Map<String, FileEntry> folder = new TreeMap<>();
        for (int i = 0; i < PATHS; i++) {
            folder.put("p" + i, file("p" + i, random.nextInt(3)));
        }
        List<Set<String>> changesByScan = new ArrayList<>();
        changesByScan.add(Set.of());
        List<String[]> versions = new ArrayList<>(); // [whole's, told's] per answer
        long comparedBefore = 0;
        for (int step = 0; step < 400; step++) {
            Set<String> changed = new HashSet<>();
            int edits = random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                String path = "p" + random.nextInt(PATHS + 10);
                changed.add(path);
                if (random.nextInt(4) == 0) {
                    folder.remove(path);
                } else {
                    folder.put(path, file(path, random.nextInt(3)));
                }
            }
            long beganAt = whole.version();
            if (random.nextInt(5) == 0) { // a client's change recorded (its file written, so also in the scan)
                String path = "p" + random.nextInt(PATHS);
                FileEntry entry = file(path, random.nextInt(3));
                boolean during = random.nextBoolean();
                if (!during) {
                    beganAt = whole.version() + 1;
                }
                whole.record(List.of(entry), List.of());
                told.record(List.of(entry), List.of());
                if (!during) {
                    folder.put(path, entry);
                    changed.add(path);
                }
            }
            changesByScan.add(changed);
            long number = changesByScan.size() - 1;
            int asked = versions.isEmpty() || random.nextInt(4) == 0 ? -1 : random.nextInt(versions.size());
            ManifestHistory.Answer a = whole.answer(asked < 0 ? "" : versions.get(asked)[0], folder, beganAt);
            ManifestHistory.Answer b = told.answer(asked < 0 ? "" : versions.get(asked)[1], folder, beganAt, number,
                    (from, to) -> Optional.of(union(changesByScan, from, to)));
            assertThat(b.diff()).as("step %d", step).isEqualTo(a.diff());
            assertThat(asMap(b.entries())).as("step %d", step).isEqualTo(asMap(a.entries()));
            assertThat(new HashSet<>(b.removed())).as("step %d", step).isEqualTo(new HashSet<>(a.removed()));
            versions.add(new String[] {a.version(), b.version()});
            if (step > 0) {
                assertThat(told.pathsCompared() - comparedBefore).as("step %d", step)
                        .isLessThanOrEqualTo(changed.size() + PATHS / 10);
            }
            comparedBefore = told.pathsCompared();
        }
    }

    private static Set<String> union(List<Set<String>> changesByScan, long from, long to) {
        Set<String> paths = new HashSet<>();
        for (long n = from + 1; n <= to; n++) {
            paths.addAll(changesByScan.get((int) n));
        }
        return paths;
    }

    private static Map<String, FileEntry> asMap(List<FileEntry> entries) {
        Map<String, FileEntry> map = new HashMap<>();
        entries.forEach(entry -> map.put(entry.path(), entry));
        return map;
    }

    private static FileEntry file(String path, int content) {
        return FileEntry.file(path, 10, 1_000L, false, String.valueOf(content).repeat(64));
    }
}
