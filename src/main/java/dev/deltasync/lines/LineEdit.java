package dev.deltasync.lines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a file's new version adds to the receiver's version, line by line. With the keys of the receiver's lines
 * that go ({@link LinePatch}; one set for all the files of a sketch, as the sender does not know which file each
 * belongs to), it turns the receiver's version into the new one.
 *
 * <p>Equal lines (blank lines, closing braces) are told apart by how many came before them, so inserting or
 * deleting one shifts the keys of those after it and the keys alone would not say which one changed. For such a
 * line the edit {@code places} it instead: it names the line by the key of its first occurrence, which the
 * receiver has, and gives every index it takes in the new version; the receiver drops all its copies of that line
 * and puts it at those indexes.
 *
 * @param file    the file's index in the sketch (part of every key)
 * @param addedAt the index in the new version of each added line, ascending
 * @param added   the added lines' bytes, line feeds included
 * @param places  lines placed by the key of their first occurrence, each at ascending indexes of the new version
 */
public record LineEdit(int file, int[] addedAt, byte[][] added, List<Placement> places) {

    /** A line the receiver has (its first occurrence's key), at these indexes of the new version (ascending). */
    public record Placement(long key, int[] at) {
        public Placement {
            ascending(at, "a placed line's indexes");
        }
    }

    public LineEdit {
        if (addedAt.length != added.length) {
            throw new IllegalArgumentException(addedAt.length + " indexes for " + added.length + " added lines");
        }
        ascending(addedAt, "added lines' indexes");
        places = List.copyOf(places);
    }

    public LineEdit(int file, int[] addedAt, byte[][] added) {
        this(file, addedAt, added, List.of());
    }

    private static void ascending(int[] indexes, String what) {
        for (int i = 0; i < indexes.length; i++) {
            if (indexes[i] < 0 || i > 0 && indexes[i] <= indexes[i - 1]) {
                throw new IllegalArgumentException(what + " must ascend from 0");
            }
        }
    }

    /** Bytes of the added lines: what crosses the wire as new content. */
    public long addedBytes() {
        return Arrays.stream(added).mapToLong(line -> line.length).sum();
    }

    /**
     * The edit of our (new) version of a file from a decoded sketch.
     *
     * @param content    our version, cut at {@code starts}
     * @param keys       its lines' keys ({@link LineKeys#of})
     * @param oursOnly   keys only we have (of every file of the sketch)
     * @param theirsOnly keys only the receiver has (of every file of the sketch)
     */
    public static LineEdit of(int file, byte[] content, int[] starts, long[] keys, Set<Long> oursOnly,
                              Set<Long> theirsOnly) {
        // lines by content: the indexes of each distinct line, the first one standing for the others
        Map<String, List<Integer>> byContent = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            byContent.computeIfAbsent(text(content, starts, i), t -> new ArrayList<>()).add(i);
        }
        boolean[] placed = new boolean[keys.length];
        List<Placement> places = new ArrayList<>();
        for (List<Integer> copies : byContent.values()) {
            int first = copies.get(0);
            if (oursOnly.contains(keys[first])) {
                continue; // the receiver has no such line: every copy is simply added
            }
            boolean oneMore = theirsOnly.contains(LineKeys.key(file, content, starts[first], starts[first + 1],
                    copies.size())); // the receiver has more copies: one of ours went, which one is not known
            if (oneMore || copies.stream().anyMatch(i -> oursOnly.contains(keys[i]))) {
                copies.forEach(i -> placed[i] = true);
                places.add(new Placement(keys[first], copies.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        List<Integer> at = new ArrayList<>();
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (!placed[i] && oursOnly.contains(keys[i])) {
                at.add(i);
                lines.add(Arrays.copyOfRange(content, starts[i], starts[i + 1]));
            }
        }
        places.sort(java.util.Comparator.comparingInt(place -> place.at()[0]));
        return new LineEdit(file, at.stream().mapToInt(Integer::intValue).toArray(), lines.toArray(byte[][]::new),
                places);
    }

    private static String text(byte[] content, int[] starts, int line) {
        return new String(content, starts[line], starts[line + 1] - starts[line], java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
