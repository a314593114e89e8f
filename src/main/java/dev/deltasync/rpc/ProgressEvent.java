package dev.deltasync.rpc;

/**
 * Where one phase of a file's transfer stands.
 *
 * @param path     the file, relative to the shared folder
 * @param what     the phase as a log line starts it, e.g. "Comparing big.iso with the server's copy"
 * @param percent  0 to 100, never going back within a phase; 100 once the phase is over
 * @param finished the phase is over (a failure is reported apart, by whoever saw it)
 */
public record ProgressEvent(String path, Phase phase, String what, long done, long total, int percent,
                            boolean finished) {
}
