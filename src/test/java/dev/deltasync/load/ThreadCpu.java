package dev.deltasync.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's threads, summed by kind of thread (the name without its numbers and context prefix), between
 * two moments: which of the clients' threads the CPU went to. Threads that end in between are not counted.
 */
final class ThreadCpu {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> before;
    private final Map<Long, String> kinds = new HashMap<>();

    ThreadCpu() {
        before = sample();
    }

    /** CPU ms by kind of thread since this was made, largest first, at most {@code top} kinds. */
    String since(int top) {
        Map<Long, Long> now = sample();
        Map<String, Long> byKind = new TreeMap<>();
        now.forEach((id, nanos) -> byKind.merge(kinds.get(id), nanos - before.getOrDefault(id, 0L), Long::sum));
        return byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(e -> e.getKey() + " " + e.getValue() / 1_000_000 + " ms").collect(Collectors.joining(", "));
    }

    private Map<Long, Long> sample() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.put(info.getThreadId(), nanos);
                kinds.putIfAbsent(info.getThreadId(), kind(info.getThreadName()));
            }
        }
        return cpu;
    }

    /** "Camel (camel-12) thread #88 - deltasync-sync" -> "deltasync-sync"; "Camel Thread #9 - X" -> "X". */
    static String kind(String name) {
        String kind = name.replaceFirst("^Camel .*? - ", "");
        return kind.replaceAll("[-#]?\\d+", "").trim();
    }
}
