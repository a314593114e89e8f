package dev.deltasync.watch;

import java.util.Objects;

/**
 * One notification from the file-system watcher, before any interpretation.
 *
 * @param kind     what the watcher said happened
 * @param relPath  '/'-separated path relative to the shared folder
 * @param atMillis when the event was received, from the injected clock
 */
public record RawEvent(Kind kind, String relPath, long atMillis) {

    public enum Kind { CREATE, MODIFY, DELETE }

    public RawEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(relPath, "relPath");
    }
}
