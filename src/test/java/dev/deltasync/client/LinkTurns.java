package dev.deltasync.client;

import java.util.HashSet;
import java.util.Set;

import dev.deltasync.wire.Frame;
import dev.deltasync.wire.MessageType;

/**
 * The request bursts of a client over an in-memory link: a frame the client sends after an answer reached it
 * starts a new burst, so each burst after the first followed a wait for the server. With one request out at a time
 * this is the number of round trips; with requests pipelined behind answers already arriving it is an upper bound.
 * Heartbeats and their answers are left out: they measure the link and nobody waits for them.
 */
final class LinkTurns {

    private final Set<Integer> heartbeats = new HashSet<>();
    private final java.util.Map<Integer, Integer> firstBurstOf = new java.util.HashMap<>();
    private boolean answered;
    private int bursts;

    /** The client hands {@code frame} to the link. */
    synchronized void clientSends(Frame frame) {
        if (frame.type() == MessageType.HEARTBEAT.code()) {
            heartbeats.add(frame.requestId());
        } else {
            if (answered || bursts == 0) {
                bursts++;
                answered = false;
            }
            firstBurstOf.putIfAbsent((int) frame.type(), bursts);
        }
    }

    /** The burst (from 1) in which the client first sent a frame of this type; 0 if it sent none. */
    synchronized int firstBurstOf(MessageType type) {
        return firstBurstOf.getOrDefault(type.code(), 0);
    }

    /** {@code frame} from the server reaches the client. */
    synchronized void clientReceives(Frame frame) {
        if (!heartbeats.contains(frame.requestId())) {
            answered = true;
        }
    }

    synchronized int bursts() {
        return bursts;
    }
}
