package dev.deltasync.client;

import dev.deltasync.rpc.RemoteException;
import dev.deltasync.rpc.Requests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.deltasync.rsync.BasisRange;
import dev.deltasync.rsync.RangeSignatures;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SumWidth;
import dev.deltasync.wire.GetSharedRound;
import dev.deltasync.wire.SharedRoundAnswer;

import static dev.deltasync.rsync.RangeSignatures.Form.BARE;

/**
 * Refinement rounds of small files, gathered into shared requests ({@link GetSharedRound}). While one shared
 * round is out, the rounds other files ask for wait in a queue, and they all leave together as the next
 * request as soon as its answer is in. There is no timer: a round that finds the connection idle leaves at
 * once, so one file alone is not slowed down, and a hundred files refined side by side pay one request and
 * one answer per round between them instead of a request, a stream and an End each.
 */
final class SharedRounds {

    /** A round joins a shared request only if its answer is at most this big (small files' rounds). */
    static final long MAX_ASK_REPLY = 64 << 10;

    private static final SecureRandom SEEDS = new SecureRandom();

    private record Ask(GetSharedRound.Part part, CompletableFuture<List<Signature>> answer) {
    }

    private final Requests requests;
    private final long timeoutMs;
    private final ArrayDeque<Ask> queue = new ArrayDeque<>();
    private final Executor senders;
    private boolean sending;

    SharedRounds(Requests requests, long timeoutMs, Executor senders) {
        this.requests = requests;
        this.senders = senders;
        this.timeoutMs = timeoutMs;
    }

    /** Whether a round of this size is small enough to share a request. */
    static boolean suits(int blockLength, List<BasisRange> ranges) {
        return RangeSignatures.replyBytes(blockLength, ranges, BARE) <= MAX_ASK_REPLY;
    }

    /** The round's signatures, one per range, once the shared request it joined is answered. */
    List<Signature> signatures(String path, String expectedHash, int blockLength, List<BasisRange> ranges,
                               SumWidth width) throws IOException {
        Ask ask = new Ask(new GetSharedRound.Part(path, expectedHash, blockLength, ranges, width),
                new CompletableFuture<>());
        synchronized (queue) {
            queue.add(ask);
            if (!sending) {
                sending = true;
                senders.execute(this::sendWhileAsked);
            }
        }
        return await(ask.answer());
    }

    /** Rounds waiting for the request under way to be answered. */
    int waiting() {
        synchronized (queue) {
            return queue.size();
        }
    }

    private void sendWhileAsked() {
        try {
            sendUntilNoneWait();
        } catch (Throwable unexpected) {
            // whatever went wrong, nobody may be left waiting for a sender that is gone
            synchronized (queue) {
                sending = false;
                queue.forEach(ask -> ask.answer().completeExceptionally(unexpected));
                queue.clear();
            }
            throw unexpected;
        }
    }

    private void sendUntilNoneWait() {
        while (true) {
            List<Ask> round = new ArrayList<>();
            synchronized (queue) {
                while (!queue.isEmpty() && round.size() < GetSharedRound.MAX_PARTS) {
                    round.add(queue.poll());
                }
                if (round.isEmpty()) {
                    sending = false;
                    return;
                }
            }
            send(round);
        }
    }

    private void send(List<Ask> round) {
        long seed = SEEDS.nextLong();
        try {
            BoundedSpool spool = new BoundedSpool(answerBound(round));
            requests.stream(new GetSharedRound(seed, round.stream().map(Ask::part).toList()), null, spool).await();
            InputStream in = new ByteArrayInputStream(spool.toByteArray());
            for (Ask ask : round) {
                SharedRoundAnswer.PartFailure failure = SharedRoundAnswer.readStatus(in);
                GetSharedRound.Part part = ask.part();
                if (failure != null) {
                    ask.answer().completeExceptionally(new RemoteException(failure.code(), failure.text()));
                } else {
                    // a reply's size follows from its request, so each part is read as a stream of its own
                    byte[] sums = in.readNBytes((int) RangeSignatures.replyBytes(part.blockLength(), part.ranges(),
                            part.width()));
                    ask.answer().complete(RangeSignatures.read(new ByteArrayInputStream(sums), part.blockLength(),
                            seed, part.ranges(), part.width()));
                }
            }
            if (in.read() >= 0) {
                throw new dev.deltasync.wire.ProtocolException("a shared round's answer goes on after its last part");
            }
        } catch (IOException | RuntimeException e) {
            round.forEach(ask -> ask.answer().completeExceptionally(e));
        }
    }

    /** The most an honest answer to {@code round} can hold: its parts' signatures, or a status and a short error each. */
    private static long answerBound(List<Ask> round) {
        long bound = 0;
        for (Ask ask : round) {
            bound += 1 + Math.max(RangeSignatures.replyBytes(ask.part().blockLength(), ask.part().ranges(),
                    ask.part().width()),
                    4 + 3 * 1000);
        }
        return bound;
    }

    /**
     * Keeps an answer in memory, refusing one that grows beyond what its request can be answered with: the
     * request fails (its files are sent another way), the connection goes on.
     */
    private static final class BoundedSpool extends java.io.OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long limit;

        BoundedSpool(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (bytes.size() + (long) len > limit) {
                throw new IOException("the server's answer to a shared round goes beyond the " + limit
                        + " bytes its request can be answered with");
            }
            bytes.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    private List<Signature> await(CompletableFuture<List<Signature>> answer) throws IOException {
        try {
            // the sender answers or fails every ask; the bound only guards against a sender that died
            return answer.get(2 * timeoutMs + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a refinement round");
        } catch (TimeoutException e) {
            throw new IOException("no answer to a refinement round within " + (2 * timeoutMs) + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }
}
