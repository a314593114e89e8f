package dev.deltasync.sync;

import java.util.regex.Pattern;

/**
 * Translates one gitignore glob into a regular expression over '/'-separated paths: {@code *} and {@code ?} stay
 * within one name, {@code [..]} is a character class ({@code [!..]} negated), {@code **} spans directories, a
 * backslash quotes the next character. (The JDK's glob PathMatcher differs: its {@code **}/ needs at least one
 * directory and it treats braces specially.)
 */
final class GlobPattern {

    private GlobPattern() {
    }

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i) && (i == 0 || glob.charAt(i - 1) == '/')) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (glob.startsWith("**", i) && i + 2 == glob.length() && (i == 0 || glob.charAt(i - 1) == '/')) {
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int end = glob.indexOf(']', i + 2);
                String body = glob.substring(i + 1, end);
                if (body.startsWith("!")) {
                    body = "^" + body.substring(1);
                }
                regex.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = end + 1;
            } else if (c == '\\' && i + 1 < glob.length()) {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                i += 2;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(regex.toString());
    }
}
