package dev.deltasync.client;

import dev.deltasync.folder.TestThreads;
import dev.deltasync.rpc.Connection;
import dev.deltasync.rpc.RemoteException;
import dev.deltasync.rpc.Requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rsync.BasisRange;
import dev.deltasync.rsync.RangeSignatures;
import dev.deltasync.rsync.Signature;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.GetSharedRound;
import dev.deltasync.wire.MessageCodec;
import dev.deltasync.wire.SharedRoundAnswer;

/** Rounds of several files gathered into shared requests, against a hand-driven server end. */
class SharedRoundsTest {

    @TempDir
    Path tmp;

    private final BlockingQueue<Frame> requests = new LinkedBlockingQueue<>();
    private final Connection client = new Connection(requests::add, (id, m) -> { }, 1);
    private final Connection server = new Connection(this::deliver, (id, m) -> { }, 1);
    private final TestThreads threads = new TestThreads();
    private final SharedRounds rounds = new SharedRounds(new Requests(client, 10_000), 10_000, threads.sharedRoundSenders());
    private final ExecutorService files = Executors.newFixedThreadPool(20);

    @AfterEach
    void stop() {
        files.shutdownNow();
        threads.close();
    }

    @Test
    void roundsAskedWhileOneIsOutLeaveTogetherInTheNextRequest() throws Exception {
        Path basis = basis(5_000);
        List<Future<List<Signature>>> answers = new ArrayList<>();
        List<BasisRange> wanted = new ArrayList<>();
        wanted.add(new BasisRange(0, 5_000));
        answers.add(ask("f0", wanted.get(0)));
        Frame first = requests.poll(10, TimeUnit.SECONDS);
        for (int i = 1; i < 20; i++) {
            wanted.add(new BasisRange(i * 100, 1_000 + i));
            answers.add(ask("f" + i, wanted.get(i)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.waiting() == 19);
        assertThat(requests).as("nothing leaves while a round is out").isEmpty();

        long firstSeed = answer(first, basis);
        Frame second = requests.poll(10, TimeUnit.SECONDS);
        assertThat(round(second).parts()).hasSize(19);
        long secondSeed = answer(second, basis);

        assertThat(answers.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(expected(basis, wanted.get(0), firstSeed));
        for (int i = 1; i < 20; i++) {
            assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(expected(basis, wanted.get(i), secondSeed));
        }
        assertThat(requests).isEmpty();
        assertThat(firstSeed).isNotEqualTo(secondSeed);
    }

    @Test
    void aPartThatFailedFailsOnlyItsOwnFile() throws Exception {
        Path basis = basis(3_000);
        Future<List<Signature>> blocker = ask("first", new BasisRange(0, 3_000));
        Frame first = requests.poll(10, TimeUnit.SECONDS);
        Future<List<Signature>> gone = ask("missing.txt", new BasisRange(0, 100));
        Future<List<Signature>> fine = ask("fine", new BasisRange(0, 2_000));
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.waiting() == 2);
        answer(first, basis);
        long seed = answer(requests.poll(10, TimeUnit.SECONDS), basis);

        assertThat(blocker.get(10, TimeUnit.SECONDS)).hasSize(1);
        assertThatThrownBy(() -> gone.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RemoteException.class).hasMessageContaining("missing.txt")
                .matches(e -> ((RemoteException) e).code() == ErrorCodes.NOT_FOUND);
        assertThat(fine.get(10, TimeUnit.SECONDS)).isEqualTo(expected(basis, new BasisRange(0, 2_000), seed));
    }

    @Test
    void aLostConnectionFailsTheRoundsWaitingForIt() throws Exception {
        Future<List<Signature>> out = ask("a", new BasisRange(0, 10));
        requests.poll(10, TimeUnit.SECONDS);
        client.closed("the server went away");
        assertThatThrownBy(() -> out.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(IOException.class)
                .hasMessageContaining("the server went away");
    }

    @Test
    void anAnswerLongerThanItsRequestAllowsFailsThatRoundOnlyAndTheNextOneWorks() throws Exception {
        Path basis = basis(2_000);
        Future<List<Signature>> flooded = ask("a", new BasisRange(0, 2_000));
        Frame request = requests.poll(10, TimeUnit.SECONDS);
        try (OutputStream out = server.openStream(request.requestId())) {
            SharedRoundAnswer.writeOk(out);
            out.write(new byte[1 << 20]);
        }
        assertThatThrownBy(() -> flooded.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(IOException.class)
                .hasMessageContaining("goes beyond");

        Future<List<Signature>> next = ask("a", new BasisRange(0, 2_000));
        long seed = answer(requests.poll(10, TimeUnit.SECONDS), basis);
        assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(expected(basis, new BasisRange(0, 2_000), seed));
    }

    @Test
    void onlySmallRoundsShareRequests() {
        assertThat(SharedRounds.suits(1024, List.of(new BasisRange(0, 1 << 20)))).isTrue();
        assertThat(SharedRounds.suits(32, List.of(new BasisRange(0, 1 << 20)))).isFalse();
    }

    private Future<List<Signature>> ask(String path, BasisRange range) {
        return files.submit(() -> rounds.signatures(path, "", 64, List.of(range), null));
    }

    private Path basis(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(tmp.resolve("basis"), bytes);
    }

    private static GetSharedRound round(Frame frame) {
        return (GetSharedRound) MessageCodec.decode(frame);
    }

    /** Answers like the server: every part from {@code basis}, except that paths starting "missing" are gone. */
    private long answer(Frame request, Path basis) throws IOException {
        GetSharedRound round = round(request);
        try (OutputStream out = server.openStream(request.requestId())) {
            for (GetSharedRound.Part part : round.parts()) {
                if (part.path().startsWith("missing")) {
                    SharedRoundAnswer.writeFailed(ErrorCodes.NOT_FOUND, part.path() + " does not exist (any more)", out);
                } else {
                    SharedRoundAnswer.writeOk(out);
                    out.write(signatures(basis, part.ranges().get(0), round.seed()));
                }
            }
        }
        return round.seed();
    }

    private static byte[] signatures(Path basis, BasisRange range, long seed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FileChannel channel = FileChannel.open(basis)) {
            RangeSignatures.write(channel, channel.size(), 64, seed, List.of(range), RangeSignatures.Form.BARE, bytes);
        }
        return bytes.toByteArray();
    }

    private static List<Signature> expected(Path basis, BasisRange range, long seed) throws IOException {
        return RangeSignatures.read(new ByteArrayInputStream(signatures(basis, range, seed)), 64, seed, List.of(range),
                RangeSignatures.Form.BARE);
    }

    private void deliver(Frame frame) {
        try {
            client.onFrame(frame);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
