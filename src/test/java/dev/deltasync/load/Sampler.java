package dev.deltasync.load;

import java.io.IOException;

/**
 * Watches the server while a scenario runs: peak RSS, threads, descriptors and handshakes waiting, CPU seconds
 * and wire bytes spent.
 */
final class Sampler implements AutoCloseable {

    record Peaks(long rssMib, int threads, int fds, double cpuSeconds, long bytes, int handshakes) {
    }

    private final ServerProcess server;
    private final Thread thread;
    private volatile boolean running = true;
    private double cpuBefore;
    private long bytesBefore;
    private long rssKib;
    private int threads;
    private int fds;
    private int handshakes;
    private double cpuLast;
    private long bytesLast;

    Sampler(ServerProcess server) throws IOException {
        this.server = server;
        ServerProcess.ProcStats start = server.stats();
        cpuBefore = start.cpuSeconds();
        bytesBefore = server.bytesOnWire();
        thread = new Thread(this::run, "load-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** The server was restarted: its CPU and byte counters start from zero again. */
    synchronized void restarted() {
        cpuBefore -= cpuLast;
        bytesBefore -= bytesLast;
        cpuLast = 0;
        bytesLast = 0;
    }

    private void run() {
        while (running) {
            sample();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        try {
            ServerProcess.ProcStats now = server.stats();
            rssKib = Math.max(rssKib, now.rssKib());
            threads = Math.max(threads, now.threads());
            fds = Math.max(fds, now.fds());
            cpuLast = now.cpuSeconds();
            var metrics = server.metrics();
            if (!metrics.isEmpty()) {
                handshakes = Math.max(handshakes, metrics.getOrDefault("deltasync_handshakes_waiting", 0.0).intValue());
                bytesLast = (long) (metrics.getOrDefault("deltasync_bytes_sent_total", 0.0)
                        + metrics.getOrDefault("deltasync_bytes_received_total", 0.0));
            }
        } catch (IOException | RuntimeException e) {
            // the server is restarting: nothing to sample now
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }

    synchronized Peaks peaks() {
        sample();
        return new Peaks(rssKib / 1024, threads, fds, cpuLast - cpuBefore, bytesLast - bytesBefore, handshakes);
    }
}
