package dev.deltasync.sync;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * A basis for a file the receiver does not have yet: a file it has that is probably similar (rsync's
 * --fuzzy idea), so a copied-then-edited file or a new version of a document travels as a delta. Pure.
 * Candidates, best first: a file of the same name in another directory, then a file in the same
 * directory with the same extension whose name shares a prefix of at least {@value #MIN_PREFIX}
 * characters; each within half to twice the size, ties going to the closest size. A wrong guess costs
 * one small signature round, never correctness (the delta names its basis by hash).
 */
public final class SimilarFile {

    /** Smaller files are not worth a round trip (they travel in batches). */
    public static final long MIN_SIZE = 64 * 1024;
    static final int MIN_PREFIX = 3;

    private SimilarFile() {
    }

    public static Optional<FileEntry> basisFor(FileEntry target, Map<String, FileEntry> receiver) {
        if (!target.isFile() || target.size() < MIN_SIZE) {
            return Optional.empty();
        }
        String name = nameOf(target.path());
        String dir = dirOf(target.path());
        Comparator<FileEntry> closestSize = Comparator.comparingLong(e -> Math.abs(e.size() - target.size()));
        Optional<FileEntry> sameName = receiver.values().stream()
                .filter(e -> usable(e, target) && nameOf(e.path()).equals(name))
                .min(closestSize);
        if (sameName.isPresent()) {
            return sameName;
        }
        return receiver.values().stream()
                .filter(e -> usable(e, target) && dirOf(e.path()).equals(dir)
                        && extensionOf(e.path()).equals(extensionOf(target.path()))
                        && commonPrefix(nameOf(e.path()), name) >= MIN_PREFIX)
                .min(Comparator.<FileEntry>comparingInt(e -> -commonPrefix(nameOf(e.path()), name)).thenComparing(closestSize));
    }

    private static boolean usable(FileEntry candidate, FileEntry target) {
        return candidate.isFile() && !candidate.path().equals(target.path()) && !candidate.hash().isEmpty()
                && candidate.size() * 2 >= target.size() && candidate.size() <= target.size() * 2;
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String dirOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String extensionOf(String path) {
        String name = nameOf(path);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot);
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
