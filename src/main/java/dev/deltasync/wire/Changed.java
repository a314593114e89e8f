package dev.deltasync.wire;

import java.util.List;

/**
 * Server push: these paths changed on the server, re-sync them. For a client that announced
 * {@link Capabilities#PUSH_STEP} it may also carry the manifest step and small contents ({@code step}, else null).
 */
public record Changed(List<String> paths, PushedStep step) implements Message {

    public Changed {
        paths = List.copyOf(paths);
    }

    public Changed(List<String> paths) {
        this(paths, null);
    }
}
