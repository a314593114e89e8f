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
 * direct:local-changes. Run by bench/watch-latency.sh; arguments: quiet-ms, samples, and {@code atomic} to save each
 * file as rsync and editors do (a temp file renamed over it; the time is then taken at the rename).
 */
public final class WatchLatencyBench {

    private final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
    private final boolean atomic;

    private WatchLatencyBench(boolean atomic) {
        this.atomic = atomic;
    }

    public static void main(String[] args) throws Exception {
        long quietMillis = args.length > 0 ? Long.parseLong(args[0]) : 1000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        boolean atomic = args.length > 2 && args[2].equals("atomic");
        Path folder = Files.createTempDirectory("watch-latency");
        try {
            new WatchLatencyBench(atomic).run(folder, quietMillis, samples);
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
                    atomic ? "temp file renamed over the file" : "close", quietMillis, samples, ms(nanos[0]), ms(nanos[nanos.length / 2]),
                    ms(nanos[(int) Math.ceil(nanos.length * 0.99) - 1]), ms(nanos[nanos.length - 1]), quietMillis + 200);
        } finally {
            main.stop();
        }
    }

    private long[] measure(Path folder, String prefix, int count) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i + ".txt";
            CompletableFuture<Long> arrival = new CompletableFuture<>();
            arrivals.put(name, arrival);
            if (atomic) {
                Path temp = Files.writeString(folder.resolve("." + name + ".Xy12Ab"), "sample " + i);
                Files.move(temp, folder.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.writeString(folder.resolve(name), "sample " + i);
            }
            long closedAt = System.nanoTime();
            nanos[i] = arrival.get(60, TimeUnit.SECONDS) - closedAt;
        }
        return nanos;
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
