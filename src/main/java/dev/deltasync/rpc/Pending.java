package dev.deltasync.rpc;

import java.io.IOException;

/** A request that was sent and whose answer has not been awaited yet: what lets transfers pipeline. */
@FunctionalInterface
public interface Pending<T> {

    /** Waits for the peer's answer; its refusal or failure is thrown. */
    T await() throws IOException;
}
