package dev.deltasync.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private long now;
    private final List<String> logged = new ArrayList<>();

    private Progress progress(String what, long total, String next) {
        return new Progress(what, total, next, () -> now, logged::add);
    }

    @Test
    void reportsShareSpeedAndTimeLeft() {
        Progress progress = progress("Sending big.iso", 100_000_000, "");
        now = 4 * SECOND;
        progress.advance(40_000_000);
        assertThat(progress.line(now)).isEqualTo(
                "Sending big.iso: 40% (40.0 of 100.0 MB) at 10.0 MB/s, about 6 s left");
    }

    @Test
    void aLaterRoundOfAComparisonTellsTheShareOfItsOwnSearch() {
        Progress progress = progress("Comparing big.bin with the server's copy", 8_000_000, "");
        now = 4 * SECOND;
        progress.advance(8_000_000); // the first round read all of it
        progress.stage("round 2, looking for the server's blocks of 2048 bytes in our copy", 400_000, 1_000_000);
        assertThat(progress.line(now)).isEqualTo("Comparing big.bin with the server's copy: 100%, round 2, looking for"
                + " the server's blocks of 2048 bytes in our copy: 40% of 1.0 MB (4 s so far)");
    }

    @Test
    void neverClaimsMoreThanAllOfIt() {
        Progress progress = progress("Receiving log.txt", 10, "");
        now = SECOND;
        progress.advance(25);
        assertThat(progress.line(now)).startsWith("Receiving log.txt: 100% (0.0 of 0.0 MB)").endsWith("about 0 s left");
    }

    @Test
    void aLongTransferIsReportedEveryFewSecondsThenReaches100PercentAndSaysWhatFollows() {
        Progress progress = progress("Sending big.bin", 100_000_000, "sent, the server is verifying and installing it");
        for (int tenth = 1; tenth <= 100; tenth++) { // 10 s, 1 MB every 0.1 s
            now = tenth * SECOND / 10;
            progress.advance(1_000_000);
        }
        progress.finish();
        progress.finish(); // closing twice says it once

        assertThat(logged).containsExactly(
                "Sending big.bin: 20% (20.0 of 100.0 MB) at 10.0 MB/s, about 8 s left",
                "Sending big.bin: 50% (50.0 of 100.0 MB) at 10.0 MB/s, about 5 s left",
                "Sending big.bin: 80% (80.0 of 100.0 MB) at 10.0 MB/s, about 2 s left",
                "Sending big.bin: 100% (100.0 MB) in 10.0 s at 10.0 MB/s; sent, the server is verifying and installing it");
    }

    @Test
    void aTransferOfLessThanTwoSecondsSaysNothing() {
        Progress progress = progress("Sending small.bin", 1_000_000, "sent, the server is verifying and installing it");
        now = SECOND;
        progress.advance(1_000_000);
        now = SECOND + SECOND / 2;
        progress.finish();
        assertThat(logged).isEmpty();
    }

    @Test
    void aStreamEndingShortOfItsFileSaysHowMuchCameAndNotWhatFollows() {
        Progress progress = progress("Receiving disk.img", 1_500_000_000L, "verifying and installing it");
        now = 3 * SECOND;
        progress.advance(30_000_000);
        now = 6 * SECOND;
        progress.finish();
        assertThat(logged).containsExactly(
                "Receiving disk.img: 2% (30.0 of 1500.0 MB) at 10.0 MB/s, about 147 s left",
                "Receiving disk.img: ended after 30.0 MB (the file is 1500.0 MB) in 6.0 s at 5.0 MB/s");
    }

    @Test
    void theInstallPhaseReportsLikeATransfer() {
        // LocalFolder wraps the patched output this way: "Verifying and installing <path>"
        Progress progress = progress("Verifying and installing big.bin", 50_000_000, "");
        now = 3 * SECOND;
        progress.advance(25_000_000);
        now = 5 * SECOND;
        progress.advance(25_000_000);
        progress.finish();
        assertThat(logged).containsExactly(
                "Verifying and installing big.bin: 50% (25.0 of 50.0 MB) at 8.3 MB/s, about 3 s left",
                "Verifying and installing big.bin: 100% (50.0 MB) in 5.0 s at 10.0 MB/s");
    }

    @Test
    void aPhaseWhereNoByteMovesKeepsReportingOnTheBoardsTicksAndSaysWhatItDoes() {
        List<ProgressEvent> events = new ArrayList<>();
        ProgressBoard board = new ProgressBoard(() -> now, logged::add);
        board.onProgress(events::add);
        Progress installing = board.start("big.bin", Phase.INSTALLING, "Verifying and installing big.bin", 50_000_000,
                "");
        installing.advance(50_000_000);
        installing.stage("all written and verified, flushing it to disk and moving it into place");
        now = SECOND;
        board.tick();
        assertThat(logged).as("quiet for the first two seconds").isEmpty();
        for (int second = 2; second <= 8; second++) { // an fsync of 7 s
            now = second * SECOND;
            board.tick();
        }
        assertThat(board.running()).extracting(ProgressEvent::path, ProgressEvent::percent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("big.bin", 100));
        installing.finish();

        assertThat(logged).containsExactly(
                "Verifying and installing big.bin: 100%, all written and verified, flushing it to disk and moving it"
                        + " into place (2 s so far)",
                "Verifying and installing big.bin: 100%, all written and verified, flushing it to disk and moving it"
                        + " into place (5 s so far)",
                "Verifying and installing big.bin: 100%, all written and verified, flushing it to disk and moving it"
                        + " into place (8 s so far)",
                "Verifying and installing big.bin: 100% (50.0 MB) in 8.0 s at 6.3 MB/s");
        assertThat(board.running()).isEmpty();
        assertThat(events).extracting(ProgressEvent::percent).containsExactly(0, 100, 100);
        assertThat(events.get(events.size() - 1).finished()).isTrue();
    }

    @Test
    void aComparisonEndsWhenItsThreadBeginsTheNextPhaseOfTheSameFileOnly() throws Exception {
        ProgressBoard board = new ProgressBoard(() -> now, logged::add);
        Progress comparing = board.start("a.bin", Phase.COMPARING, "Comparing a.bin with the server's copy", 100, "");
        board.start("b.bin", Phase.SENDING, "Sending b.bin", 100, "");
        Thread other = new Thread(() -> board.start("a.bin", Phase.SENDING, "Sending a.bin to client 2", 100, ""));
        other.start();
        other.join();
        assertThat(board.running()).extracting(ProgressEvent::phase).contains(Phase.COMPARING);

        board.start("a.bin", Phase.SENDING, "Sending a.bin (the parts the server lacks)", 100, "");
        assertThat(comparing.snapshot().finished()).isTrue();
        assertThat(comparing.snapshot().percent()).isEqualTo(100);
        assertThat(board.running()).extracting(ProgressEvent::phase).doesNotContain(Phase.COMPARING);
    }

    @Test
    void waitingForTheOtherSideSaysHowLongItHasWaited() {
        ProgressBoard board = new ProgressBoard(() -> now, logged::add);
        Progress waiting = board.start("big.bin", Phase.WAITING,
                "Sent big.bin, waiting for the server to verify and install it", 0, "");
        now = 3 * SECOND;
        board.tick();
        waiting.finishAll();
        assertThat(logged).containsExactly(
                "Sent big.bin, waiting for the server to verify and install it (3 s so far)",
                "Sent big.bin, waiting for the server to verify and install it: over after 3.0 s");
    }

    @Test
    void closingTheWrappedStreamEndsTheTransfer() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (var out = Progress.writing(sink, "Receiving tiny.txt", 3, "")) {
            out.write(new byte[] {1, 2, 3});
        }
        assertThat(sink.toByteArray()).containsExactly(1, 2, 3);
    }
}
