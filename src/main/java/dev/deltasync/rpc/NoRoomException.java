package dev.deltasync.rpc;

import java.io.IOException;

/** A write refused for want of room: a quota on the receiving side would be passed. Crosses the wire as DISK_FULL. */
public class NoRoomException extends IOException {

    public NoRoomException(String message) {
        super(message);
    }
}
