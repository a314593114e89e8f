package dev.deltasync.watch;

import java.util.Locale;

/** Recognises the Linux inotify limits behind a watch failure and says how to raise them. */
public final class InotifyLimit {

    public static final String RAISE_COMMAND = "sudo sysctl fs.inotify.max_user_watches=524288";

    private InotifyLimit() { }

    /** Whether {@code failure} or one of its causes is an exhausted inotify limit. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("inotify")) {
                return true;
            }
        }
        return false;
    }

    public static String advice(String folder) {
        return "Cannot watch every directory under " + folder + ": the system limit on inotify watches"
                + " (one per directory) is reached. Raise it with: " + RAISE_COMMAND
                + " (add fs.inotify.max_user_watches=524288 to /etc/sysctl.conf to keep it after a reboot)."
                + " Until then changes in unwatched directories are only seen by the periodic full rescan.";
    }
}
