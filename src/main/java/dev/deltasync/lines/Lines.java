package dev.deltasync.lines;

/**
 * A text cut into lines, the unit of a line edit: each line ends with its line feed, the last one may have none.
 * Any bytes can be cut this way; {@link #looksLikeText} says whether it is worth it.
 */
public final class Lines {

    private Lines() {
    }

    /** The offset at which each line starts, then {@code content.length}: line i is [starts[i], starts[i + 1]). */
    public static int[] starts(byte[] content) {
        int count = 0;
        for (byte b : content) {
            if (b == '\n') {
                count++;
            }
        }
        boolean openLast = content.length > 0 && content[content.length - 1] != '\n';
        int[] starts = new int[count + (openLast ? 1 : 0) + 1];
        int line = 1;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n' && i + 1 < content.length) {
                starts[line++] = i + 1;
            }
        }
        starts[starts.length - 1] = content.length;
        return starts;
    }

    /** No NUL byte, as git decides a file is text: binary formats have them, text encodings but UTF-16 do not. */
    public static boolean looksLikeText(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                return false;
            }
        }
        return true;
    }
}
