package dev.deltasync.lines;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A line edit from a base version whose line keys the sender knows whole and in order (no sketch to decode): the
 * keys of the base's lines that go, then the {@link LineEdit} of the new version (file 0), in {@link LineEditFormat}.
 * Knowing the base's order, the sender also sends lines that moved as new ones (a sketch's edit would keep them in
 * their old place), and checks on the keys that the edit gives the new version. The receiver applies it to its copy
 * of the base and must still check the result's hash.
 */
public final class BaseLineEdit {

    private BaseLineEdit() {
    }

    /**
     * The edit that turns the base with keys {@code baseKeys} (distinct, file 0) into {@code content}; empty when
     * the keys say it would not give {@code content} (two lines' keys collide).
     */
    public static Optional<byte[]> of(byte[] content, long[] baseKeys) {
        int[] starts = Lines.starts(content);
        long[] keys = LineKeys.of(0, content, starts);
        Map<Long, Integer> baseIndex = new HashMap<>(baseKeys.length * 2);
        for (int i = 0; i < baseKeys.length; i++) {
            baseIndex.put(baseKeys[i], i);
        }
        Set<Long> ours = new HashSet<>(keys.length * 2);
        Set<Long> oursOnly = new HashSet<>();
        for (long key : keys) {
            ours.add(key);
            if (!baseIndex.containsKey(key)) {
                oursOnly.add(key);
            }
        }
        Set<Long> theirsOnly = new HashSet<>();
        for (long key : baseKeys) {
            if (!ours.contains(key)) {
                theirsOnly.add(key);
            }
        }
        for (int line : moved(keys, baseIndex)) {
            // every copy of a moved line goes and comes anew, as LineEdit places lines by content
            for (int copy = 0; ; copy++) {
                long key = LineKeys.key(0, content, starts[line], starts[line + 1], copy);
                boolean inBase = baseIndex.containsKey(key);
                if (!inBase && !ours.contains(key)) {
                    break;
                }
                if (inBase) {
                    theirsOnly.add(key);
                }
                if (ours.contains(key)) {
                    oursOnly.add(key);
                }
            }
        }
        LineEdit edit = LineEdit.of(0, content, starts, keys, oursOnly, theirsOnly);
        if (!givesKeys(edit, content, starts, keys, baseKeys, theirsOnly)) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            LineEditFormat.writeKeys(theirsOnly, out);
            LineEditFormat.write(edit, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return Optional.of(out.toByteArray());
    }

    /**
     * The lines of the new version that both have but not in the base's order: those off a longest run of common
     * lines whose base indexes ascend.
     */
    private static List<Integer> moved(long[] keys, Map<Long, Integer> baseIndex) {
        List<Integer> common = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (baseIndex.containsKey(keys[i])) {
                common.add(i);
            }
        }
        // patience sorting: tails[k] = the common line ending the best run of length k + 1 found so far
        int[] tails = new int[common.size()];
        int[] previous = new int[common.size()];
        int length = 0;
        for (int c = 0; c < common.size(); c++) {
            int at = baseIndex.get(keys[common.get(c)]);
            int low = 0;
            int high = length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (baseIndex.get(keys[common.get(tails[middle])]) < at) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            previous[c] = low > 0 ? tails[low - 1] : -1;
            tails[low] = c;
            length = Math.max(length, low + 1);
        }
        boolean[] inOrder = new boolean[common.size()];
        for (int c = length == 0 ? -1 : tails[length - 1]; c >= 0; c = previous[c]) {
            inOrder[c] = true;
        }
        List<Integer> moved = new ArrayList<>();
        for (int c = 0; c < common.size(); c++) {
            if (!inOrder[c]) {
                moved.add(common.get(c));
            }
        }
        return moved;
    }

    /** Whether {@link LinePatch} would give lines with {@code keys} from the base's keys, as far as keys tell. */
    private static boolean givesKeys(LineEdit edit, byte[] content, int[] starts, long[] keys, long[] baseKeys,
                                     Set<Long> removed) {
        Set<Long> gone = new HashSet<>(removed);
        boolean[] given = new boolean[keys.length];
        for (int at : edit.addedAt()) {
            given[at] = true;
        }
        Set<Long> base = new HashSet<>(baseKeys.length * 2);
        Arrays.stream(baseKeys).forEach(base::add);
        for (LineEdit.Placement place : edit.places()) {
            int line = place.at()[0];
            for (int copy = 0; ; copy++) { // every copy of a placed line goes from where it was
                long key = LineKeys.key(0, content, starts[line], starts[line + 1], copy);
                if (!base.contains(key)) {
                    break;
                }
                gone.add(key);
            }
            for (int at : place.at()) {
                if (given[at]) {
                    return false;
                }
                given[at] = true;
            }
        }
        int kept = 0;
        for (int at = 0; at < keys.length; at++) {
            if (given[at]) {
                continue;
            }
            while (kept < baseKeys.length && gone.contains(baseKeys[kept])) {
                kept++;
            }
            if (kept == baseKeys.length || baseKeys[kept] != keys[at]) {
                return false;
            }
            kept++;
        }
        while (kept < baseKeys.length && gone.contains(baseKeys[kept])) {
            kept++;
        }
        return kept == baseKeys.length;
    }

    /**
     * The new version from {@code base} and an edit made by {@link #of}; {@code newSize} bounds what the edit may
     * add. The result is not checked: the caller compares its hash with the one the new version must have.
     */
    public static byte[] apply(byte[] base, byte[] edit, long newSize) throws IOException, LinePatchException {
        ByteArrayInputStream in = new ByteArrayInputStream(edit);
        Set<Long> removed = LineEditFormat.readKeys(in);
        LineEdit lines = LineEditFormat.read(in, 0, newSize);
        if (in.available() > 0) {
            throw new LineEditFormat.LineFormatException(in.available() + " bytes after the line edit");
        }
        return LinePatch.apply(base, removed, lines);
    }
}
