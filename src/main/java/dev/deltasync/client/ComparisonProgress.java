package dev.deltasync.client;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.deltasync.rpc.Progress;
import dev.deltasync.rsync.BasisRange;
import dev.deltasync.rsync.RefiningEncoder;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SumWidth;

/**
 * Says which refinement round a comparison is in and what it waits for, so that a long comparison of a big file
 * reports "round 2, waiting for the server's signatures" rather than a share that stands still.
 */
final class ComparisonProgress {

    private ComparisonProgress() {
    }

    /**
     * {@code source}, telling {@code progress} each round as it is asked for and answered, and the share of a later
     * round's search through the stretches that differ (the whole file was read in the first).
     */
    static RefiningEncoder.SignatureSource staged(RefiningEncoder.SignatureSource source, Progress progress) {
        return new RefiningEncoder.SignatureSource() {
            private final AtomicInteger round = new AtomicInteger();
            private volatile String searching = "";
            private long toSearch;
            private long searched;
            private long percentTold;

            @Override
            public List<Signature> signatures(int blockLength, long seed, List<BasisRange> ranges, SumWidth wanted)
                    throws IOException {
                int n = round.incrementAndGet();
                progress.stage("round " + n + ", waiting for the server to read its copy (blocks of " + blockLength
                        + " bytes)");
                List<Signature> signatures = source.signatures(blockLength, seed, ranges, wanted);
                searching = "round " + n + ", looking for the server's blocks of " + blockLength + " bytes in our copy";
                progress.stage(searching);
                return signatures;
            }

            @Override
            public synchronized void searching(long bytes) {
                toSearch = bytes;
                searched = 0;
                percentTold = 0;
                progress.stage(searching, 0, toSearch);
            }

            @Override
            public synchronized void searched(long bytes) {
                searched += bytes;
                long percent = toSearch <= 0 ? 100 : Math.min(searched, toSearch) * 100 / toSearch;
                if (percent > percentTold) { // a stage line per percent, not per read
                    percentTold = percent;
                    progress.stage(searching, searched, toSearch);
                }
            }
        };
    }
}
