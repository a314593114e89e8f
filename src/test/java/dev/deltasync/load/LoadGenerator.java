package dev.deltasync.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One server, many clients: runs N real clients in this JVM against one server JVM and measures fan-out, a burst
 * of changes, a reconnect storm and slow clients. Not a test; run it with {@code bench/load.sh}.
 *
 * <pre>
 * LoadGenerator --jar target/deltasync.jar --clients 1000 --work DIR [--rounds 5] [--slow-share 0.05]
 *               [--big-mib 8] [--scenarios a,b,c,d] [--proxy bench/wanproxy.py] [--start-threads 4]
 *               [--server-launcher bin/deltasync]   (the server through the launcher: its class-data archive)
 * </pre>
 */
public final class LoadGenerator {

    private static final String SEED = "seed.txt";
    private static final String BIG = "big.bin";

    private final Map<String, String> options;
    private final int clientCount;
    private final Path work;
    private final List<LoadClient> fast = new ArrayList<>();
    private final List<LoadClient> slow = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private ServerProcess server;
    private Latencies baseline;
    /** The clients' JVM's CPU seconds per second while every client is connected and idle. */
    private double clientIdleCpuPerSecond;
    private final int raisedLimit;
    /** So that no client but ours joins this server. */
    private final String secret = java.util.UUID.randomUUID().toString();

    private LoadGenerator(Map<String, String> options) {
        this.options = options;
        this.clientCount = Integer.parseInt(options.getOrDefault("clients", "20"));
        this.work = Path.of(options.getOrDefault("work", "/tmp/deltasync-load"));
        this.raisedLimit = Math.max(512, 2 * clientCount);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int exit = new LoadGenerator(options).run();
        System.exit(exit);
    }

    private int run() throws Exception {
        String scenarios = options.getOrDefault("scenarios", "a,b,c,d");
        int slowCount = scenarios.contains("d")
                ? (int) Math.round(clientCount * Double.parseDouble(options.getOrDefault("slow-share", "0.05"))) : 0;
        int fastCount = clientCount - slowCount;
        Files.createDirectories(work);
        Path serverDir = work.resolve("server");
        Files.createDirectories(serverDir);
        Files.writeString(serverDir.resolve(SEED), "seed\n");
        byte[] big = new byte[Integer.parseInt(options.getOrDefault("big-mib", "8")) << 20];
        new Random(42).nextBytes(big);
        if (slowCount > 0) {
            Files.write(serverDir.resolve(BIG), big);
        }
        Path secretFile = work.resolve("secret");
        Files.writeString(secretFile, secret + "\n");
        server = new ServerProcess(Path.of(options.getOrDefault("jar", "target/deltasync.jar")),
                Optional.ofNullable(options.get("server-launcher")).map(Path::of), serverDir,
                ServerProcess.freePort(), ServerProcess.freePort(), secretFile, work.resolve("server.log"));
        try {
            server.start(serverJvm(), raisedLimits());
            say("server up (pid " + server.stats() + "), starting " + fastCount + " clients"
                    + (slowCount > 0 ? " (+" + slowCount + " slow ones later)" : ""));
            startClients(fastCount, serverDir, slowCount > 0);
            if (scenarios.contains("a")) {
                fanOut();
            }
            if (scenarios.contains("b")) {
                burst();
            }
            if (scenarios.contains("c")) {
                restartStorm(List.of(), "defaults (512 in all, 32 per address)");
                restartStorm(raisedLimits(), "raised to " + raisedLimit);
            }
            if (scenarios.contains("d")) {
                slowClients(slowCount, big);
            }
        } finally {
            for (LoadClient client : fast) {
                client.close();
            }
            for (LoadClient client : slow) {
                client.close();
            }
            server.stop();
        }
        report();
        return 0;
    }

    private List<String> serverJvm() {
        return List.of(options.getOrDefault("server-jvm", "-Xmx1g").split(" "));
    }

    private List<String> raisedLimits() {
        return List.of("--max-unauthenticated", Integer.toString(raisedLimit),
                "--max-unauthenticated-per-address", Integer.toString(raisedLimit));
    }

    // --- setup ---------------------------------------------------------------------------------------------------

    private void startClients(int count, Path serverDir, boolean withBig) throws Exception {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long rssBefore = ServerProcess.ProcStats.self().rssKib();
        long t0 = System.nanoTime();
        try (Sampler sampler = new Sampler(server)) {
            List<LoadClient> started = startAll(count, "c", server.port(), client -> {
                if (withBig) { // the fast clients already hold the big file: only the slow ones will fetch it
                    Files.createLink(client.dir().resolve(BIG), serverDir.resolve(BIG));
                }
            });
            fast.addAll(started);
            Latencies firstSync = await(fast, c -> c.holds(SEED, "seed\n".getBytes(StandardCharsets.UTF_8)), t0,
                    Duration.ofMinutes(10));
            say("connected and first sync: " + firstSync);
            System.gc();
            long heapPerClient = (runtime.totalMemory() - runtime.freeMemory() - heapBefore) / count;
            int threadsPerClient = (ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore);
            long rssPerClient = (ServerProcess.ProcStats.self().rssKib() - rssBefore) / count;
            notes.add(String.format("client side, %d clients in one JVM: %.1f threads per client (%d in all), "
                            + "%d KiB heap per client after GC, %d KiB RSS per client",
                    count, threadsPerClient / (double) count, threadsPerClient, heapPerClient / 1024, rssPerClient));
            say(notes.get(notes.size() - 1));
            row("connect + first sync", count, firstSync, sampler.peaks());
        }
        Thread.sleep(10_000);
        try (Sampler idle = new Sampler(server)) {
            double cpuBefore = ServerProcess.ProcStats.self().cpuSeconds();
            long idleStart = System.nanoTime();
            ThreadCpu byThread = new ThreadCpu();
            Thread.sleep(10_000);
            say("clients' JVM idle 10 s, CPU by thread: " + byThread.since(12));
            double seconds = (System.nanoTime() - idleStart) / 1e9;
            clientIdleCpuPerSecond = (ServerProcess.ProcStats.self().cpuSeconds() - cpuBefore) / seconds;
            notes.add(String.format("clients' JVM idle: %.2f CPU s per second for %d clients (%.2f ms per client "
                    + "per second)", clientIdleCpuPerSecond, count, 1000 * clientIdleCpuPerSecond / count));
            say(notes.get(notes.size() - 1));
            row("idle 10 s", count, null, idle.peaks());
        }
    }

    interface Prepare {
        void accept(LoadClient client) throws IOException;
    }

    private List<LoadClient> startAll(int count, String prefix, int port, Prepare prepare) throws Exception {
        int threads = Integer.parseInt(options.getOrDefault("start-threads", "4"));
        ExecutorService starters = Executors.newFixedThreadPool(threads);
        List<Future<LoadClient>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(starters.submit(() -> {
                LoadClient client = new LoadClient(index, work.resolve("clients").resolve(prefix + index), port, secret);
                Files.createDirectories(client.dir());
                prepare.accept(client);
                client.start();
                return client;
            }));
        }
        List<LoadClient> clients = new ArrayList<>();
        for (Future<LoadClient> future : futures) {
            clients.add(future.get());
        }
        starters.shutdown();
        return clients;
    }

    // --- scenarios -----------------------------------------------------------------------------------------------

    /** (a) One client edits a file; the time until every other client holds it. */
    private void fanOut() throws Exception {
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        try (Sampler sampler = new Sampler(server)) {
            double cpuBefore = ServerProcess.ProcStats.self().cpuSeconds();
            long start = System.nanoTime();
            ThreadCpu byThread = new ThreadCpu();
            baseline = fanOutRounds(fast, rounds, "fanout.txt");
            say("(a) clients' JVM CPU by thread: " + byThread.since(15));
            say("(a) fan-out: " + baseline);
            clientCpu("(a)", cpuBefore, start, baseline.millis().size());
            row("(a) one edit fans out (" + rounds + " rounds)", fast.size(), baseline, sampler.peaks());
        }
    }

    private Latencies fanOutRounds(List<LoadClient> clients, int rounds, String name) throws Exception {
        List<Latencies> all = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            LoadClient editor = clients.get(0); // one editor: its own earlier edits are settled, no conflicts
            byte[] content = (name + " round " + round + " by " + editor.index() + "\n").getBytes(StandardCharsets.UTF_8);
            List<LoadClient> others = new ArrayList<>(clients);
            others.remove(editor);
            editor.write(name, content);
            Thread.sleep(LoadClient.QUIET_MS + 10);
            long t0 = System.nanoTime(); // the moment the editor's watcher would report the change
            editor.changed(name);
            Latencies reached = await(others, c -> c.holds(name, content), t0, Duration.ofMinutes(2));
            say("  round " + (round + 1) + ": " + reached);
            all.add(reached);
            Thread.sleep(1000); // the editor's cycle has recorded the round as synced
        }
        return Latencies.merge(all);
    }

    /**
     * (b) Every client changes a file within one second; the time from the first write until every client holds
     * all of them (each edit is reported to its client a quiet period after it was written, as by the watcher).
     */
    private void burst() throws Exception {
        int n = fast.size();
        byte[][] contents = new byte[n][];
        for (int i = 0; i < n; i++) {
            contents[i] = ("burst from client " + i + "\n").getBytes(StandardCharsets.UTF_8);
        }
        int[] progress = new int[n];
        ScheduledExecutorService editors = Executors.newScheduledThreadPool(4);
        Random random = new Random(7);
        try (Sampler sampler = new Sampler(server)) {
            long t0 = System.nanoTime();
            List<Future<?>> edits = new ArrayList<>();
            for (LoadClient client : fast) {
                String name = "burst/c" + client.index() + ".txt";
                int at = random.nextInt(1000);
                edits.add(editors.schedule(() -> {
                    client.write(name, contents[client.index()]);
                    return null;
                }, at, TimeUnit.MILLISECONDS));
                edits.add(editors.schedule(() -> {
                    client.changed(name);
                    return null;
                }, at + LoadClient.QUIET_MS + 10, TimeUnit.MILLISECONDS));
            }
            for (Future<?> edit : edits) {
                edit.get();
            }
            Latencies converged = await(fast, client -> {
                int i = client.index();
                while (progress[i] < n && Files.isRegularFile(client.dir().resolve("burst/c" + progress[i] + ".txt"))) {
                    progress[i]++;
                }
                return progress[i] == n;
            }, t0, Duration.ofMinutes(10));
            say("(b) burst converged: " + converged);
            row("(b) " + n + " edits within 1 s, all hold all", n, converged, sampler.peaks());
        } finally {
            editors.shutdown();
        }
    }

    /** (c) The server restarts with every client connected; the time until every client holds what changed meanwhile. */
    private void restartStorm(List<String> limits, String label) throws Exception {
        String marker = "restart-" + System.currentTimeMillis() + ".txt";
        byte[] content = (marker + "\n").getBytes(StandardCharsets.UTF_8);
        long logBefore = Files.size(work.resolve("server.log"));
        try (Sampler sampler = new Sampler(server)) {
            server.stop();
            sampler.restarted();
            Files.write(server.dir().resolve(marker), content);
            long t0 = System.nanoTime();
            server.start(serverJvm(), limits);
            long upMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            Latencies converged = await(fast, c -> c.holds(marker, content), t0, Duration.ofMinutes(5));
            Sampler.Peaks peaks = sampler.peaks();
            String refusals = refusals(logBefore) + ", " + (long) server.metric("deltasync_handshakes_busy_total")
                    + " told busy (metric)";
            say("(c) restart, handshake limits " + label + ": server up after " + upMs + " ms; converged " + converged
                    + "; peak handshakes waiting " + peaks.handshakes() + "; " + refusals);
            notes.add("(c) handshake limits " + label + ": server listening " + upMs + " ms after the restart began, "
                    + "peak " + peaks.handshakes() + " handshakes waiting, " + refusals);
            row("(c) restart storm, limits " + label, fast.size(), converged, peaks);
        }
    }

    private String refusals(long logOffset) throws IOException {
        byte[] log = Files.readAllBytes(work.resolve("server.log"));
        String tail = new String(log, (int) Math.min(logOffset, log.length), (int) Math.max(0, log.length - logOffset),
                StandardCharsets.UTF_8);
        long refused = 0;
        for (String line : tail.split("\n")) {
            if (line.contains("Refused a connection") || line.contains("before authenticating")) {
                refused++;
                var more = java.util.regex.Pattern.compile("and (\\d+) more").matcher(line);
                if (more.find()) {
                    refused += Long.parseLong(more.group(1));
                }
            }
        }
        return refused + " connections refused or closed before authenticating (server log)";
    }

    /**
     * (d) A share of the clients join over a 1 Mbit/s link and fetch a big file for a long while; meanwhile the
     * fast clients' fan-out must stay within 20 % of (a).
     */
    private void slowClients(int count, byte[] big) throws Exception {
        int proxyPort = ServerProcess.freePort();
        Path stats = work.resolve("wanproxy.stats");
        Process proxy = new ProcessBuilder("python3", options.getOrDefault("proxy", "bench/wanproxy.py"),
                Integer.toString(proxyPort), Integer.toString(server.port()), "1", "20", stats.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("wanproxy.log").toFile()).start();
        try (Sampler sampler = new Sampler(server)) {
            Thread.sleep(500);
            long t0 = System.nanoTime();
            slow.addAll(startAll(count, "slow", proxyPort, client -> { }));
            Thread.sleep(3000); // the slow clients are connected and their downloads have filled the link
            int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
            Latencies during = fanOutRounds(fast, rounds, "fanout-during-slow.txt");
            double ratio = baseline == null ? Double.NaN : during.percentile(99) / (double) Math.max(1, baseline.percentile(99));
            say("(d) fast clients' fan-out while " + count + " slow clients download: " + during
                    + String.format("; p99 %.2fx of (a)", ratio));
            row(String.format("(d) fan-out to fast clients while %d slow ones download (p99 %.2fx of (a))", count, ratio),
                    fast.size(), during, sampler.peaks());
            Latencies slowDone = await(slow, c -> c.holds(BIG, big), t0, Duration.ofMinutes(10));
            say("(d) slow clients hold the " + (big.length >> 20) + " MiB file: " + slowDone);
            row("(d) slow clients: first sync incl. " + (big.length >> 20) + " MiB at 1 Mbit/s", count, slowDone,
                    sampler.peaks());
        } finally {
            proxy.destroy();
        }
    }

    /**
     * The clients' JVM's CPU seconds since {@code cpuBefore}, in all and per delivery, also without what the
     * clients spend idle over the same time (heartbeats, status and progress ticks: measured after the first sync).
     */
    private void clientCpu(String scenario, double cpuBefore, long start, int deliveries) throws IOException {
        double cpu = ServerProcess.ProcStats.self().cpuSeconds() - cpuBefore;
        double seconds = (System.nanoTime() - start) / 1e9;
        double beyondIdle = cpu - clientIdleCpuPerSecond * seconds;
        notes.add(String.format("%s clients' JVM: %.1f CPU s over %.1f s, %.1f ms per delivery (%d); beyond idle: "
                        + "%.1f CPU s, %.1f ms per delivery", scenario, cpu, seconds, 1000 * cpu / Math.max(1, deliveries),
                deliveries, beyondIdle, 1000 * beyondIdle / Math.max(1, deliveries)));
        say(notes.get(notes.size() - 1));
    }

    // --- measuring -----------------------------------------------------------------------------------------------

    /** Polls until every client passes {@code arrived}; ms from {@code t0} for each, the rest counted as missing. */
    private static Latencies await(List<LoadClient> clients, Predicate<LoadClient> arrived, long t0, Duration timeout)
            throws InterruptedException {
        List<LoadClient> pending = new ArrayList<>(clients);
        List<Long> millis = new ArrayList<>();
        long deadline = t0 + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            pending.removeIf(client -> {
                if (arrived.test(client)) {
                    millis.add(TimeUnit.NANOSECONDS.toMillis(now - t0));
                    return true;
                }
                return false;
            });
            Thread.sleep(20);
        }
        return new Latencies(millis, pending.size());
    }

    private void row(String scenario, int clients, Latencies latencies, Sampler.Peaks peaks) {
        String times = latencies == null ? "| – | – | – | – "
                : "| " + latencies.percentile(50) + " | " + latencies.percentile(99) + " | " + latencies.max() + " | "
                  + (latencies.missing() == 0 ? "all" : latencies.missing() + " missing") + " ";
        rows.add(String.format("| %s | %d %s| %d | %d | %d | %.1f | %s | %d |", scenario, clients, times,
                peaks.rssMib(), peaks.threads(), peaks.fds(), peaks.cpuSeconds(),
                clients == 0 ? "–" : Long.toString(peaks.bytes() / clients), peaks.handshakes()));
    }

    private void report() throws IOException {
        List<String> out = new ArrayList<>();
        out.add("| scenario | clients | p50 ms | p99 ms | max ms | converged | server RSS MiB (peak) | threads (peak) "
                + "| fds (peak) | server CPU s | wire bytes per client | handshakes waiting (peak) |");
        out.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
        out.addAll(rows);
        out.add("");
        notes.forEach(note -> out.add("- " + note));
        Files.write(work.resolve("results.md"), out);
        System.out.println();
        out.forEach(System.out::println);
    }

    private static void say(String line) {
        System.out.println(java.time.LocalTime.now().withNano(0) + " " + line);
    }
}
