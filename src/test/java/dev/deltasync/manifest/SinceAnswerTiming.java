package dev.deltasync.manifest;

import dev.deltasync.sync.FileEntry;
import java.util.*;

/**
 * The server's time to answer a "since" manifest request after one edit in a folder of N files (a bench, not a test):
 * comparing every path of the scan with the manifest (what it did before, and still does when its scans cannot say
 * what changed) against comparing the changed paths only; also the rescan's copy of the scan map.
 * {@code java -cp target/classes:target/test-classes dev.deltasync.manifest.SinceAnswerTiming 100000 30}
 */
public class SinceAnswerTiming {
    public static void main(String[] args) {
        int files = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        String hash = "a".repeat(64);
        TreeMap<String, FileEntry> scan = new TreeMap<>();
        for (int i = 0; i < files; i++) {
            String p = String.format("d%03d/f%03d.txt", i / 1000, i % 1000);
            scan.put(p, FileEntry.file(p, 40, 1_000L + i, false, hash));
        }
        for (String mode : new String[] {"every path", "changed paths", "every path", "changed paths"}) {
            ManifestHistory history = new ManifestHistory();
            String v = history.answer("", scan, 0, 0, ManifestHistory.ScanChanges.UNKNOWN).version();
            long total = 0, copy = 0;
            TreeMap<String, FileEntry> current = scan;
            for (int r = 1; r <= rounds; r++) {
                String p = String.format("d%03d/f%03d.txt", r % 100, r % 1000);
                long copyStart = System.nanoTime();
                TreeMap<String, FileEntry> next = new TreeMap<>(current); // a rescan's merge (both before and after)
                next.put(p, FileEntry.file(p, 41, 5_000L + r, false, hash));
                copy += System.nanoTime() - copyStart;
                current = next;
                final long number = r;
                long answerStart = System.nanoTime();
                ManifestHistory.Answer answer = mode.equals("every path")
                        ? history.answer(v, current, history.version())
                        : history.answer(v, current, history.version(), number,
                            (from, to) -> Optional.of(Set.of(p)));
                total += System.nanoTime() - answerStart;
                if (answer.entries().size() != 1) {
                    throw new AssertionError("expected one changed entry, got " + answer.entries().size());
                }
                v = answer.version();
            }
            System.out.printf("%d files, %s: answer %.2f ms (mean of %d), scan map copy %.2f ms%n", files, mode,
                    total / 1e6 / rounds, rounds, copy / 1e6 / rounds);
        }
    }
}
