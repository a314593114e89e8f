package dev.deltasync.lines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BaseLineEditTest {

    @Test
    void aOneLineChangeOfA40KibTextIsAFewBytesAndGivesTheNewVersion() throws Exception {
        byte[] base = SampleText.bytesOf(40 * 1024);
        byte[] edited = replace(base, "line 200 ", "line 200 edited ");

        byte[] edit = BaseLineEdit.of(edited, keys(base)).orElseThrow();

        assertThat(edit.length).isLessThan(200);
        assertThat(BaseLineEdit.apply(base, edit, edited.length)).isEqualTo(edited);
    }

    @Test
    void insertedDeletedMovedAndRepeatedLinesComeOut() throws Exception {
        byte[] base = "a\n}\n\nb\n}\n\nc\n}\n".getBytes(StandardCharsets.UTF_8);
        byte[] edited = "a\n}\n\nnew\n}\n\nb\nc\n}\n\n".getBytes(StandardCharsets.UTF_8);

        assertThat(BaseLineEdit.apply(base, BaseLineEdit.of(edited, keys(base)).orElseThrow(), edited.length)).isEqualTo(edited);
    }

    @Test
    void blocksThatSwappedPlacesComeOutInTheNewOrder() throws Exception {
        byte[] base = SampleText.bytesOf(8 * 1024);
        String text = new String(base, StandardCharsets.UTF_8);
        int cut = text.indexOf("line 20 ");
        int end = text.indexOf("line 30 ");
        String swapped = text.substring(cut, end) + text.substring(0, cut) + text.substring(end);
        byte[] edited = swapped.getBytes(StandardCharsets.UTF_8);

        byte[] edit = BaseLineEdit.of(edited, keys(base)).orElseThrow();

        assertThat(BaseLineEdit.apply(base, edit, edited.length)).isEqualTo(edited);
        assertThat(edit.length).as("the ten lines that moved, sent anew").isLessThan(end - cut + 100);
    }

    @Test
    void randomEditsOfRepetitiveTextComeOutOrAreNotMade() throws Exception {
        Random random = new Random(7);
        String[] words = {"{\n", "}\n", "\n", "x++;\n", "return x;\n", "// note\n"};
        for (int round = 0; round < 300; round++) {
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                String word = words[random.nextInt(words.length)];
                a.append(word);
                int roll = random.nextInt(10);
                if (roll == 0) {
                    b.append(words[random.nextInt(words.length)]);
                } else if (roll != 1) {
                    b.append(word);
                }
            }
            byte[] base = a.toString().getBytes(StandardCharsets.UTF_8);
            byte[] edited = b.toString().getBytes(StandardCharsets.UTF_8);
            if (!LineKeys.distinct(keys(base))) {
                continue;
            }
            java.util.Optional<byte[]> edit = BaseLineEdit.of(edited, keys(base));
            if (edit.isPresent()) {
                assertThat(BaseLineEdit.apply(base, edit.get(), edited.length)).as("round " + round)
                        .isEqualTo(edited);
            }
        }
    }

    @Test
    void anEditAppliedToAnotherVersionDoesNotGiveTheNewOne() throws Exception {
        byte[] base = SampleText.bytesOf(40 * 1024);
        byte[] edited = replace(base, "line 200 ", "line 200 edited ");
        byte[] other = replace(base, "line 7 ", "line 7 the client's ");

        byte[] edit = BaseLineEdit.of(edited, keys(base)).orElseThrow();

        assertThat(BaseLineEdit.apply(other, edit, edited.length)).isNotEqualTo(edited);
    }

    @Test
    void aTruncatedOrPaddedEditIsRefused() {
        byte[] base = SampleText.bytesOf(4 * 1024);
        byte[] edited = replace(base, "line 5 ", "line 5 edited ");
        byte[] edit = BaseLineEdit.of(edited, keys(base)).orElseThrow();

        assertThatThrownBy(() -> BaseLineEdit.apply(base, java.util.Arrays.copyOf(edit, edit.length - 1), edited.length))
                .isInstanceOf(LineEditFormat.LineFormatException.class);
        assertThatThrownBy(() -> BaseLineEdit.apply(base, java.util.Arrays.copyOf(edit, edit.length + 1), edited.length))
                .isInstanceOf(LineEditFormat.LineFormatException.class);
    }

    private static long[] keys(byte[] content) {
        return LineKeys.of(0, content, Lines.starts(content));
    }


    private static byte[] replace(byte[] text, String from, String to) {
        String s = new String(text, StandardCharsets.UTF_8);
        assertThat(s).contains(from);
        return s.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }
}
