package dev.deltasync.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real server, {@code java -jar deltasync.jar server} (or through {@code bin/deltasync}), in its own JVM:
 * started, restarted and stopped by the generator, measured from {@code /proc/PID} (RSS, threads, descriptors, CPU)
 * and from its Prometheus metrics on the management port (bytes, connected clients, handshakes waiting).
 */
final class ServerProcess implements AutoCloseable {

    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    private final Path jar;
    private final Optional<Path> launcher;
    private final Path dir;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private final Path secretFile;

    ServerProcess(Path jar, Optional<Path> launcher, Path dir, int port, int managementPort, Path secretFile,
            Path log) {
        this.jar = jar;
        this.launcher = launcher;
        this.secretFile = secretFile;
        this.dir = dir;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    /** Starts the server with {@code extraArgs} and waits until it answers on its metrics endpoint. */
    void start(List<String> jvmArgs, List<String> extraArgs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        ProcessBuilder builder = new ProcessBuilder(command);
        if (launcher.isPresent()) {
            command.add(launcher.get().toString());
            builder.environment().put("DELTASYNC_JAR", jar.toString());
            builder.environment().put("JAVA", java);
            builder.environment().put("JAVA_OPTS", String.join(" ", jvmArgs));
        } else {
            command.add(java);
            command.addAll(jvmArgs);
            command.addAll(List.of("-jar", jar.toString()));
        }
        command.addAll(List.of("server", "--dir", dir.toString(), "--port", Integer.toString(port),
                "--management-port", Integer.toString(managementPort), "--rescan-ms", "0",
                "--secret-file", secretFile.toString()));
        command.addAll(extraArgs);
        process = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (metrics().isEmpty()) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the server did not start within 120 s; see " + log);
            }
            Thread.sleep(100);
        }
    }

    /** SIGTERM, as a service manager stops it; SIGKILL if it is not gone after 30 s. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    /** The server's Prometheus meters named deltasync_*, or empty when it does not answer. */
    Map<String, Double> metrics() {
        Map<String, Double> values = new HashMap<>();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            for (String line : response.body().split("\n")) {
                if (line.startsWith("deltasync_")) {
                    int space = line.lastIndexOf(' ');
                    String name = line.substring(0, space);
                    int labels = name.indexOf('{');
                    values.merge(labels < 0 ? name : name.substring(0, labels),
                            Double.parseDouble(line.substring(space + 1)), Double::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return values;
    }

    double metric(String name) {
        return metrics().getOrDefault(name, 0.0);
    }

    long bytesOnWire() {
        Map<String, Double> m = metrics();
        return (long) (m.getOrDefault("deltasync_bytes_sent_total", 0.0) + m.getOrDefault("deltasync_bytes_received_total", 0.0));
    }

    /** A port nothing listens on now (the generator's own server, proxy and metrics must not meet anyone else's). */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Of the server's JVM: the launcher's first run keeps a shell above it (it writes the archive at the JVM's exit). */
    ProcStats stats() throws IOException {
        long jvm = process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
        return ProcStats.of(jvm);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** What /proc says about one process. */
    record ProcStats(long rssKib, int threads, int fds, double cpuSeconds) {

        static ProcStats of(long pid) throws IOException {
            Path proc = Path.of("/proc", Long.toString(pid));
            long rss = 0;
            int threads = 0;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("\\D", ""));
                }
            }
            int fds;
            try (var entries = Files.list(proc.resolve("fd"))) {
                fds = (int) entries.count();
            }
            String stat = Files.readString(proc.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
            return new ProcStats(rss, threads, fds, cpu);
        }

        static ProcStats self() throws IOException {
            return of(ProcessHandle.current().pid());
        }
    }
}
