package dev.deltasync.manifest;

import java.util.Optional;

/**
 * A version of a server's manifest: which server process made it (a restarted server knows no older version) and
 * its number there, one more for each change. On the wire and in the client's state it is the text
 * {@code "<process>:<number>"}.
 */
public record ManifestVersion(String process, long number) {

    /** The version a text names; empty for "" (none held) or a text that names no version. */
    public static Optional<ManifestVersion> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ManifestVersion(text.substring(0, colon), Long.parseLong(text.substring(colon + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Version {@code number} of the same process. */
    public ManifestVersion withNumber(long number) {
        return new ManifestVersion(process, number);
    }

    @Override
    public String toString() {
        return process + ":" + number;
    }
}
