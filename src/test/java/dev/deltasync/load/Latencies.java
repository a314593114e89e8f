package dev.deltasync.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Milliseconds until each client got there, and how many never did. */
record Latencies(List<Long> millis, int missing) {

    Latencies {
        millis = new ArrayList<>(millis);
        Collections.sort(millis);
    }

    static Latencies merge(List<Latencies> rounds) {
        List<Long> all = new ArrayList<>();
        int missing = 0;
        for (Latencies round : rounds) {
            all.addAll(round.millis);
            missing += round.missing;
        }
        return new Latencies(all, missing);
    }

    /** Nearest-rank percentile, in ms; -1 when nothing arrived. */
    long percentile(double p) {
        if (millis.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * millis.size());
        return millis.get(Math.max(0, Math.min(millis.size() - 1, rank - 1)));
    }

    long max() {
        return millis.isEmpty() ? -1 : millis.get(millis.size() - 1);
    }

    @Override
    public String toString() {
        return "first " + percentile(0) + " ms, p50 " + percentile(50) + " ms, p99 " + percentile(99) + " ms, max " + max() + " ms over "
                + millis.size() + (missing == 0 ? "" : ", " + missing + " NEVER ARRIVED");
    }
}
