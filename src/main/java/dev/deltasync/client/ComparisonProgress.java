package dev.deltasync.client;

import java.util.concurrent.atomic.AtomicInteger;

import dev.deltasync.rpc.Progress;
import dev.deltasync.rsync.RefiningEncoder;

/**
 * Says which refinement round a comparison is in and what it waits for, so that a long comparison of a big file
 * reports "round 2, waiting for the server's signatures" rather than a share that stands still.
 */
final class ComparisonProgress {

    private ComparisonProgress() {
    }

    /** {@code source}, telling {@code progress} each round as it is asked for and answered. */
    static RefiningEncoder.SignatureSource staged(RefiningEncoder.SignatureSource source, Progress progress) {
        AtomicInteger round = new AtomicInteger();
        return (blockLength, seed, ranges, wanted) -> {
            int n = round.incrementAndGet();
            progress.stage("round " + n + ", waiting for the server to read its copy (blocks of " + blockLength
                    + " bytes)");
            var signatures = source.signatures(blockLength, seed, ranges, wanted);
            progress.stage("round " + n + ", looking for the server's blocks of " + blockLength + " bytes in our copy");
            return signatures;
        };
    }
}
