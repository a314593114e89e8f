package dev.deltasync.camel;

import dev.deltasync.watch.InotifyLimit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exception handler of the file-watch consumer: whatever went wrong, events may have been missed,
 * so it logs the failure in plain words and asks for a full rescan (asynchronously: the watcher's
 * thread must not wait for a rescan).
 */
public final class WatchFailureHandler implements ExceptionHandler {

    /** Queue of full-rescan requests; holds at most one, extra requests are dropped as redundant. */
    public static final String RESCAN_REQUESTS = "seda:watch-rescan-requests?size=1&discardWhenFull=true";

    private static final Logger LOG = LoggerFactory.getLogger(WatchFailureHandler.class);

    private final String folder;
    private final ProducerTemplate producer;

    public WatchFailureHandler(String folder, ProducerTemplate producer) {
        this.folder = folder;
        this.producer = producer;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (InotifyLimit.isCause(exception)) {
            LOG.error(InotifyLimit.advice(folder));
        } else if (isLibraryOverflow(exception)) {
            LOG.warn("Watching {}: the watcher's event queue overflowed (too many changes at once for a loaded machine;"
                    + " directory-watcher reports it as a NullPointerException), changes may have been missed;"
                    + " a full rescan follows", folder);
        } else {
            LOG.warn("Watching {} failed, changes may have been missed; a full rescan follows: {}",
                    folder, exception.toString());
            LOG.debug("Watch failure details", exception);
        }
        producer.sendBody(RESCAN_REQUESTS, "watch failure: " + exception);
    }

    /**
     * directory-watcher 0.19.1 passes an OVERFLOW event's null path to {@code pathHashes.get}, a
     * {@code ConcurrentSkipListMap}, in {@code DirectoryWatcher.onEvent}: the overflow arrives as that NullPointerException.
     */
    static boolean isLibraryOverflow(Throwable exception) {
        return exception instanceof NullPointerException && java.util.Arrays.stream(exception.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals("io.methvin.watcher.DirectoryWatcher")
                        && frame.getMethodName().equals("onEvent"));
    }
}
