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
 * (timed from the deletion until a batch has covered both), {@code rsync} has {@code rsync -a --delete} bring a tree of
 * 40 directories up to date with a copy where 3 files were edited, 1 deleted and 1 added (temp files renamed over their
 * targets, then the directories' times set; timed from rsync's exit until batches have covered all five).
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
        if (!java.util.List.of("close", "atomic", "delete", "edit+delete", "rsync").contains(mode)) {
            throw new IllegalArgumentException("mode must be close, atomic, delete, edit+delete or rsync, not " + mode);
        }
        Path folder = Files.createTempDirectory("watch-latency");
        try {
            new WatchLatencyBench(mode).run(folder, quietMillis, samples);
        } finally {
            for (Path tree : java.util.List.of(folder, folder.resolveSibling(folder.getFileName() + "-rsync-source"))) {
                if (Files.exists(tree)) {
                    try (var files = Files.walk(tree)) {
                        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
                    }
                }
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
            long[] fresh = measure(folder, "warm-up", 5);
            System.out.printf("fresh JVM, first 5 samples: %s ms%n", Arrays.stream(fresh)
                    .mapToObj(n -> String.format("%.0f", ms(n))).collect(java.util.stream.Collectors.joining(", ")));
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
        if (mode.equals("rsync")) {
            return measureRsync(folder, prefix, count);
        }
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

    /** The tree rsync brings {@code folder} up to date with: 40 directories of 5 files, in a sibling folder. */
    private long[] measureRsync(Path folder, String prefix, int count) throws Exception {
        Path source = folder.resolveSibling(folder.getFileName() + "-rsync-source");
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int d = 0; d < 40; d++) {
            for (int f = 0; f < 5; f++) {
                names.add("src/mod" + d + "/" + prefix + "-file" + f + ".txt");
            }
        }
        for (String name : names) {
            Files.createDirectories(source.resolve(name).getParent());
            Files.writeString(source.resolve(name), "line\n".repeat(100) + name);
        }
        rsync(source, folder);
        java.util.List<CompletableFuture<Long>> initial = new java.util.ArrayList<>();
        names.forEach(name -> initial.add(expect(name)));
        for (CompletableFuture<Long> arrival : initial) {
            arrival.get(60, TimeUnit.SECONDS);
        }
        java.util.Random random = new java.util.Random(42);
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            java.util.List<String> changed = new java.util.ArrayList<>();
            java.util.Collections.shuffle(names, random);
            for (String edited : names.subList(0, 3)) {
                Files.writeString(source.resolve(edited), "line\n".repeat(100) + edited + " edit " + i);
                Files.setLastModifiedTime(source.resolve(edited), java.nio.file.attribute.FileTime.fromMillis(
                        1_700_000_000_000L + i * 1000L));
                changed.add(edited);
            }
            String deleted = names.remove(3);
            Files.delete(source.resolve(deleted));
            changed.add(deleted);
            String added = "src/mod" + random.nextInt(40) + "/" + prefix + "-added" + i + ".txt";
            Files.writeString(source.resolve(added), "new " + i);
            names.add(added);
            changed.add(added);
            java.util.List<CompletableFuture<Long>> arrivals = changed.stream().map(this::expect).toList();
            rsync(source, folder);
            long exitedAt = System.nanoTime();
            long last = 0;
            for (CompletableFuture<Long> arrival : arrivals) {
                last = Math.max(last, arrival.get(60, TimeUnit.SECONDS));
            }
            nanos[i] = last - exitedAt;
            Thread.sleep(200); // let the directories' own events settle before the next sample
        }
        return nanos;
    }

    private static void rsync(Path source, Path target) throws Exception {
        Process rsync = new ProcessBuilder("rsync", "-a", "--delete", source + "/", target + "/").inheritIO().start();
        if (rsync.waitFor() != 0) {
            throw new IllegalStateException("rsync failed with exit code " + rsync.exitValue());
        }
    }

    private String describeMode() {
        return switch (mode) {
            case "atomic" -> "temp file renamed over the file";
            case "delete" -> "deletion";
            case "edit+delete" -> "edit of one file and deletion of another";
            case "rsync" -> "rsync exit (3 edits, 1 deletion, 1 new file in a 40-directory tree)";
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
