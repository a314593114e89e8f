package dev.deltasync.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.deltasync.wire.Ack;
import dev.deltasync.wire.Changed;
import dev.deltasync.wire.Error;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.Message;

/** Two connections wired back to back: request matching, streams, and failures that stay local. */
class ConnectionTest {

    private final List<Frame> toB = new ArrayList<>();
    private final List<Message> unsolicitedAtA = new ArrayList<>();
    private final Connection a = new Connection(toB::add, (id, m) -> unsolicitedAtA.add(m), 1);

    /**
     * A request made just after the connection was lost (a cycle starting on a reconnect that failed at once) fails
     * at once. On the base it waited for its whole timeout: in the reconnect storm of 1,000 clients a few first
     * cycles hung for minutes that way (docs/bench.md, run of 2026-12-06).
     */
    @Test
    void aRequestMadeAfterTheConnectionClosedFailsAtOnce() {
        a.closed("the connection to the server was lost");

        PendingReply late = a.expect(a.newRequestId(), null);

        assertThat(late.isDone()).isTrue();
        assertThatThrownBy(() -> late.await(60_000)).isInstanceOf(IOException.class)
                .hasMessageContaining("the connection to the server was lost");
        assertThat(a.pendingCount()).isZero();
    }

    @Test
    void answersFindTheirRequestAndEverythingElseIsUnsolicited() throws Exception {
        int first = a.newRequestId();
        int second = a.newRequestId();
        PendingReply one = a.expect(first, null);
        PendingReply two = a.expect(second, null);

        a.onFrame(frame(new Error(ErrorCodes.NOT_FOUND, "no such file"), second));
        a.onFrame(frame(new Ack(), first));
        a.onFrame(frame(new Changed(List.of("x")), -5));

        assertThat(one.await(1000)).isEqualTo(new Ack());
        assertThatThrownBy(() -> two.await(1000)).isInstanceOf(RemoteException.class).hasMessage("no such file");
        assertThat(unsolicitedAtA).containsExactly(new Changed(List.of("x")));
    }

    @Test
    void aStreamThatCannotBeWrittenFailsOnlyItsOwnRequest() throws Exception {
        Connection sender = new Connection(frame -> deliver(frame), (id, m) -> { }, 100);
        int broken = 7;
        int fine = 8;
        PendingReply failing = a.expect(broken, new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        });
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        PendingReply working = a.expect(fine, received);

        try (OutputStream out = sender.openStream(broken)) {
            out.write(new byte[300_000]);
        }
        try (OutputStream out = sender.openStream(fine)) {
            out.write("all of it".getBytes());
        }

        assertThatThrownBy(() -> failing.await(1000)).isInstanceOf(IOException.class)
                .hasMessageContaining("No space left");
        working.await(1000);
        assertThat(received.toString()).isEqualTo("all of it");
    }

    private void deliver(Frame frame) {
        try {
            a.onFrame(frame);
        } catch (IOException e) {
            throw new AssertionError("the connection gave up on a local failure", e);
        }
    }

    private static Frame frame(Message message, int id) {
        return dev.deltasync.wire.MessageCodec.encode(message, id);
    }
}
