package dev.deltasync.lines;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies a {@link LineEdit} to the receiver's version of a file: the lines whose keys are in {@code removed} go,
 * and so do all copies of a placed line; the others stay in their order, and the added and placed lines take their
 * indexes. It refuses an edit it cannot follow (a placed line it does not have, two lines given one index, an index
 * past the end); an edit that applies can still give the wrong text (lines that moved keep the set of lines but
 * not their order), so the caller checks the result's hash.
 */
public final class LinePatch {

    private LinePatch() {
    }

    /** @param removed keys of the receiver's lines that go, of any file of the sketch */
    public static byte[] apply(byte[] old, Set<Long> removed, LineEdit edit) throws LinePatchException {
        int[] starts = Lines.starts(old);
        long[] keys = LineKeys.of(edit.file(), old, starts);
        Map<Long, Integer> byKey = new HashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            if (byKey.put(keys[i], i) != null) {
                throw new LinePatchException("two lines of this version share a key");
            }
        }
        boolean[] gone = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            gone[i] = removed.contains(keys[i]);
        }
        // the new version's lines that are not simply kept, by index
        TreeMap<Integer, byte[]> given = new TreeMap<>();
        for (int i = 0; i < edit.added().length; i++) {
            given.put(edit.addedAt()[i], edit.added()[i]);
        }
        for (LineEdit.Placement place : edit.places()) {
            Integer first = byKey.get(place.key());
            if (first == null) {
                throw new LinePatchException("the edit places a line this version does not have");
            }
            byte[] line = Arrays.copyOfRange(old, starts[first], starts[first + 1]);
            for (int i = 0; i < keys.length; i++) {
                gone[i] |= Arrays.equals(old, starts[i], starts[i + 1], line, 0, line.length);
            }
            for (int at : place.at()) {
                if (given.put(at, line) != null) {
                    throw new LinePatchException("the edit gives index " + at + " two lines");
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(old.length + 1024);
        int kept = 0;
        for (int at = 0; ; at++) {
            byte[] line = given.remove(at);
            if (line != null) {
                out.writeBytes(line);
                continue;
            }
            while (kept < keys.length && gone[kept]) {
                kept++;
            }
            if (kept < keys.length) {
                out.write(old, starts[kept], starts[kept + 1] - starts[kept]);
                kept++;
            } else if (!given.isEmpty()) {
                throw new LinePatchException("index " + given.firstKey() + " lies past the end of the new version ("
                        + at + " lines)");
            } else {
                return out.toByteArray();
            }
        }
    }
}
