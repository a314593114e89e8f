package dev.deltasync.e2e;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The summary line a {@code client --once} run printed, parsed (CONTRACT.md's format). */
record Summary(int exitCode, Map<String, Long> values, String line) {

    private static final Pattern LINE = Pattern.compile("^synced: (.*)$", Pattern.MULTILINE);

    static synchronized Summary capture(Callable<Integer> run) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = run.call();
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        Matcher m = LINE.matcher(out);
        Map<String, Long> values = new HashMap<>();
        String line = "";
        if (m.find()) {
            line = m.group();
            for (String pair : m.group(1).trim().split(" ")) {
                String[] kv = pair.split("=");
                values.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return new Summary(exit, values, line);
    }

    long value(String key) {
        Long v = values.get(key);
        if (v == null) {
            throw new AssertionError("no " + key + " in summary line '" + line + "'");
        }
        return v;
    }
}
