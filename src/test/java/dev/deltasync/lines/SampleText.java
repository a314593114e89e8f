package dev.deltasync.lines;

import java.util.Random;

/** Text of distinct numbered lines (the same for a given size), for tests of line edits. */
public final class SampleText {

    private SampleText() {
    }

    /** At least {@code bytes} bytes of lines "line N" followed by six random hex words. */
    public static String of(int bytes) {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        for (int line = 0; text.length() < bytes; line++) {
            text.append("line ").append(line).append(' ');
            for (int i = 0; i < 6; i++) {
                text.append(Long.toHexString(random.nextLong())).append(' ');
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** {@link #of} in UTF-8. */
    public static byte[] bytesOf(int bytes) {
        return of(bytes).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
