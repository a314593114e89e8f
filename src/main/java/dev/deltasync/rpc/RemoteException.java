package dev.deltasync.rpc;

import java.io.IOException;

/** The peer refused or failed a request; {@code code} is one of the wire's error codes. */
public class RemoteException extends IOException {

    private final int code;

    public RemoteException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
