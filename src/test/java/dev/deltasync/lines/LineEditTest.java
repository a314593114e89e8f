package dev.deltasync.lines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Line edits from the exact difference of two versions' line keys (what a decoded line sketch yields). */
class LineEditTest {

    @Test
    void linesEndWithTheirLineFeedAndTheLastMayHaveNone() {
        assertThat(Lines.starts(bytes(""))).containsExactly(0);
        assertThat(Lines.starts(bytes("\n"))).containsExactly(0, 1);
        assertThat(Lines.starts(bytes("a\nbc\n"))).containsExactly(0, 2, 5);
        assertThat(Lines.starts(bytes("a\nbc"))).containsExactly(0, 2, 4);
        assertThat(Lines.starts(bytes("\n\nx"))).containsExactly(0, 1, 2, 3);
    }

    @Test
    void equalLinesGetDistinctKeysAndTheFileIndexChangesEveryKey() {
        byte[] text = bytes("}\n}\n}\nx\n");
        long[] keys = LineKeys.of(0, text, Lines.starts(text));

        assertThat(LineKeys.distinct(keys)).isTrue();
        assertThat(Arrays.stream(keys).boxed().toList()).allMatch(key -> key >= 0 && key <= 0xFFFF_FFFFL);
        long[] other = LineKeys.of(1, text, Lines.starts(text));
        assertThat(Arrays.stream(other).filter(key -> Arrays.stream(keys).anyMatch(k -> k == key))).isEmpty();
        // a line's key does not depend on where it is: the same lines after an inserted one keep theirs
        byte[] inserted = bytes("new\n}\n}\n}\nx\n");
        assertThat(LineKeys.of(0, inserted, Lines.starts(inserted))).contains(keys);
    }

    @Test
    void randomEditsOfRandomTextsRebuildTheNewVersionExactly() throws Exception {
        Random random = new Random(11);
        for (int round = 0; round < 2000; round++) {
            List<String> old = randomLines(random, random.nextInt(120));
            List<String> edited = edit(random, old);
            boolean lastFeed = random.nextBoolean();
            byte[] before = join(old, lastFeed);
            byte[] after = join(edited, lastFeed);
            int file = random.nextInt(256);

            assertThat(new String(applyExactDifference(file, before, after), StandardCharsets.UTF_8))
                    .as("round %d", round).isEqualTo(new String(after, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aBlankLineInsertedBeforeOthersIsPlacedWhereItBelongs() throws Exception {
        byte[] before = bytes("a\n\nb\n}\n\nc\n}\n");
        byte[] after = bytes("\na\n\nb\n}\n\nc\n}\n");
        Diff diff = diff(0, before, after);

        assertThat(diff.edit().added()).isEmpty();
        assertThat(diff.edit().places()).singleElement().satisfies(place -> assertThat(place.at()).containsExactly(0, 2, 5));
        assertThat(LinePatch.apply(before, diff.removed(), diff.edit())).isEqualTo(after);
        // deleting the first closing brace: the receiver drops its copies and puts the one left where it is
        byte[] deleted = bytes("a\n\nb\n\nc\n}\n");
        assertThat(applyExactDifference(0, before, deleted)).isEqualTo(deleted);
    }

    @Test
    void theAddedLinesAreAllThatTravels() throws Exception {
        byte[] before = bytes("a\nb\nc\nd\n");
        byte[] after = bytes("a\nB!\nc\nd\ne\n");
        Diff diff = diff(3, before, after);

        assertThat(diff.edit().addedAt()).containsExactly(1, 4);
        assertThat(diff.edit().addedBytes()).isEqualTo("B!\ne\n".length());
        assertThat(diff.removed()).hasSize(1);
        assertThat(LinePatch.apply(before, diff.removed(), diff.edit())).isEqualTo(after);
    }

    @Test
    void linesThatOnlyMovedAreNotSeenSoTheResultMustBeVerified() throws Exception {
        byte[] before = bytes("a\nb\nc\n");
        byte[] after = bytes("c\na\nb\n");
        Diff diff = diff(0, before, after);

        assertThat(diff.removed()).isEmpty();
        assertThat(diff.edit().added()).isEmpty();
        assertThat(LinePatch.apply(before, diff.removed(), diff.edit())).isNotEqualTo(after);
    }

    @Test
    void anAddedLinePastTheEndIsRefused() {
        LineEdit edit = new LineEdit(0, new int[] {5}, new byte[][] {bytes("x\n")});

        assertThatThrownBy(() -> LinePatch.apply(bytes("a\nb\n"), Set.of(), edit))
                .isInstanceOf(LinePatchException.class).hasMessageContaining("past the end");
    }

    @Test
    void editsSurviveTheStreamAndEveryTruncationIsRefused() throws Exception {
        byte[] before = bytes("one\ntwo\nthree\n");
        byte[] after = bytes("one\n2\nthree\nfour");
        Diff diff = diff(7, before, after);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineEditFormat.writeKeys(diff.removed(), out);
        LineEditFormat.write(diff.edit(), out);
        byte[] stream = out.toByteArray();

        ByteArrayInputStream in = new ByteArrayInputStream(stream);
        Set<Long> removed = LineEditFormat.readKeys(in);
        LineEdit read = LineEditFormat.read(in, 7, after.length);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(LinePatch.apply(before, removed, read)).isEqualTo(after);
        for (int cut = 0; cut < stream.length; cut++) {
            ByteArrayInputStream part = new ByteArrayInputStream(Arrays.copyOf(stream, cut));
            assertThatThrownBy(() -> {
                LineEditFormat.readKeys(part);
                LineEditFormat.read(part, 7, after.length);
            }).as("cut at %d", cut).isInstanceOf(IOException.class);
        }
    }

    @Test
    void addedLinesLongerThanTheNewVersionAreRefused() throws Exception {
        Diff diff = diff(0, bytes("a\n"), bytes("a much longer line\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineEditFormat.write(diff.edit(), out);

        assertThatThrownBy(() -> LineEditFormat.read(new ByteArrayInputStream(out.toByteArray()), 0, 5))
                .isInstanceOf(LineEditFormat.LineFormatException.class).hasMessageContaining("more than");
    }

    @Test
    void aHugeCountIsRefusedBeforeAnythingIsAllocated() {
        byte[] stream = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};

        assertThatThrownBy(() -> LineEditFormat.readKeys(new ByteArrayInputStream(stream)))
                .isInstanceOf(LineEditFormat.LineFormatException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> LineEditFormat.read(new ByteArrayInputStream(stream), 0, 100))
                .isInstanceOf(LineEditFormat.LineFormatException.class).hasMessageContaining("at most");
    }

    private record Diff(Set<Long> removed, LineEdit edit) {
    }

    private static Diff diff(int file, byte[] before, byte[] after) {
        long[] oldKeys = LineKeys.of(file, before, Lines.starts(before));
        int[] starts = Lines.starts(after);
        long[] newKeys = LineKeys.of(file, after, starts);
        Set<Long> oldSet = new HashSet<>();
        Arrays.stream(oldKeys).forEach(oldSet::add);
        Set<Long> newSet = new HashSet<>();
        Arrays.stream(newKeys).forEach(newSet::add);
        Set<Long> removed = new HashSet<>(oldSet);
        removed.removeAll(newSet);
        Set<Long> added = new HashSet<>(newSet);
        added.removeAll(oldSet);
        return new Diff(removed, LineEdit.of(file, after, starts, newKeys, added, removed));
    }

    private static byte[] applyExactDifference(int file, byte[] before, byte[] after) throws LinePatchException {
        Diff diff = diff(file, before, after);
        return LinePatch.apply(before, diff.removed(), diff.edit());
    }

    private static List<String> randomLines(Random random, int count) {
        String[] words = {"if", "x", "}", "return y;", "", "  foo(bar)", "// note", "{"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(random.nextInt(3) == 0 ? words[random.nextInt(words.length)] : "line " + random.nextInt(50));
        }
        return lines;
    }

    /**
     * Replaces, inserts (new lines or copies of lines already there) and deletes a few lines, but never moves one:
     * a line whose copy was deleted is not inserted elsewhere, nor the other way round (a set of lines cannot see
     * that, the hash of the result can).
     */
    private static List<String> edit(Random random, List<String> old) {
        List<String> lines = new ArrayList<>(old);
        Set<String> deleted = new HashSet<>();
        Set<String> copied = new HashSet<>();
        for (int edits = random.nextInt(6); edits > 0; edits--) {
            int at = lines.isEmpty() ? 0 : random.nextInt(lines.size() + 1);
            switch (random.nextInt(4)) {
                case 0 -> lines.add(at, "inserted " + random.nextInt(1000));
                case 1 -> {
                    if (at < lines.size() && !copied.contains(lines.get(at))) {
                        deleted.add(lines.get(at));
                        lines.set(at, "replaced " + random.nextInt(1000));
                    }
                }
                case 2 -> {
                    String copy = lines.isEmpty() ? "" : lines.get(random.nextInt(lines.size()));
                    if (!deleted.contains(copy)) {
                        copied.add(copy);
                        lines.add(at, copy);
                    }
                }
                default -> {
                    if (at < lines.size() && !copied.contains(lines.get(at))) {
                        deleted.add(lines.remove(at));
                    }
                }
            }
        }
        return lines;
    }

    private static byte[] join(List<String> lines, boolean lastFeed) {
        String text = String.join("\n", lines);
        return bytes(lines.isEmpty() || !lastFeed ? text : text + "\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
