package dev.deltasync.wire;

import java.util.List;

/** Server push: these paths changed on the server, re-sync them. */
public record Changed(List<String> paths) implements Message {

    public Changed {
        paths = List.copyOf(paths);
    }
}
