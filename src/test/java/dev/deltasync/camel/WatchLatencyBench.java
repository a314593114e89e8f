package dev.deltasync.camel;

import dev.deltasync.watch.ChangeBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * Latency of live watching: time from a small file's close to the batch naming it reaching
 * direct:local-changes. Run by bench/watch-latency.sh; arguments: quiet-ms, samples, and a mode: {@code atomic} saves
 * each file as rsync and editors do (a temp file renamed over it; timed from the rename), {@code delete} deletes a
 * file already reported (timed from the deletion), {@code edit+delete} rewrites one reported file and deletes another
 * (timed from the deletion until a batch has covered both).
 */
public final class WatchLatencyBench {

    private final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
    private final String mode;

    private WatchLatencyBench(String mode) {
        this.mode = mode;
    }

    public static void main(String[] args) throws Exception {
        long quietMillis = args.length > 0 ? Long.parseLong(args[0]) : 1000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String mode = args.length > 2 ? args[2] : "close";
        if (!java.util.List.of("close", "atomic", "delete", "edit+delete").contains(mode)) {
            throw new IllegalArgumentException("mode must be close, atomic, delete or edit+delete, not " + mode);
        }
        Path folder = Files.createTempDirectory("watch-latency");
        try {
            new WatchLatencyBench(mode).run(folder, quietMillis, samples);
        } finally {
            try (var files = Files.walk(folder)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(Path folder, long quietMillis, int samples) throws Exception {
        Main main = new Main();
        main.configure().addConfiguration(WatchConfiguration.class);
        main.configure().withRoutesIncludePattern("classpath:routes/watch.camel.yaml");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:local-changes").process(e -> arrived(e.getMessage().getBody(ChangeBatch.class)));
            }
        });
        main.addOverrideProperty("deltasync.dir", folder.toString());
        main.addOverrideProperty("deltasync.quiet-ms", String.valueOf(quietMillis));
        main.start();
        try {
            measure(folder, "warm-up", 5);
            long[] nanos = measure(folder, "sample", samples);
            Arrays.sort(nanos);
            System.out.printf("watch latency, %s -> batch out, quiet-ms=%d, %d samples: "
                            + "min %.0f ms, median %.0f ms, p99 %.0f ms, max %.0f ms (target median <= %d ms)%n",
                    describeMode(), quietMillis, samples, ms(nanos[0]), ms(nanos[nanos.length / 2]),
                    ms(nanos[(int) Math.ceil(nanos.length * 0.99) - 1]), ms(nanos[nanos.length - 1]), quietMillis + 200);
        } finally {
            main.stop();
        }
    }

    private long[] measure(Path folder, String prefix, int count) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i + ".txt";
            String other = prefix + "-" + i + "-edited.txt";
            if (mode.equals("delete") || mode.equals("edit+delete")) {
                write(folder, name, i);
                awaitArrival(name);
            }
            if (mode.equals("edit+delete")) {
                write(folder, other, i);
                awaitArrival(other);
            }
            CompletableFuture<Long> arrival = expect(name);
            CompletableFuture<Long> otherArrival = mode.equals("edit+delete") ? expect(other) : arrival;
            switch (mode) {
                case "atomic" -> {
                    Path temp = Files.writeString(folder.resolve("." + name + ".Xy12Ab"), "sample " + i);
                    Files.move(temp, folder.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
                case "delete" -> Files.delete(folder.resolve(name));
                case "edit+delete" -> {
                    Files.writeString(folder.resolve(other), "edited " + i);
                    Files.delete(folder.resolve(name));
                }
                default -> write(folder, name, i);
            }
            long closedAt = System.nanoTime();
            nanos[i] = Math.max(arrival.get(60, TimeUnit.SECONDS), otherArrival.get(60, TimeUnit.SECONDS)) - closedAt;
        }
        return nanos;
    }

    private String describeMode() {
        return switch (mode) {
            case "atomic" -> "temp file renamed over the file";
            case "delete" -> "deletion";
            case "edit+delete" -> "edit of one file and deletion of another";
            default -> "close";
        };
    }

    private static void write(Path folder, String name, int i) throws java.io.IOException {
        Files.writeString(folder.resolve(name), "sample " + i);
    }

    private CompletableFuture<Long> expect(String name) {
        CompletableFuture<Long> arrival = new CompletableFuture<>();
        arrivals.put(name, arrival);
        return arrival;
    }

    private void awaitArrival(String name) throws Exception {
        CompletableFuture<Long> arrival = expect(name);
        arrival.get(60, TimeUnit.SECONDS);
    }

    private void arrived(ChangeBatch batch) {
        long now = System.nanoTime();
        arrivals.forEach((name, future) -> {
            if (batch.covers(name)) {
                future.complete(now);
            }
        });
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
