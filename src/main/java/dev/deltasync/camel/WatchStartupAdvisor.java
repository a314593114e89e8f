package dev.deltasync.camel;

import dev.deltasync.watch.InotifyLimit;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.FailureEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a start-up failure caused by the inotify limit (the watcher registers one watch per
 * directory when it starts) into a message that says which command raises the limit.
 */
public final class WatchStartupAdvisor extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(WatchStartupAdvisor.class);

    private final String folder;

    public WatchStartupAdvisor(String folder) {
        this.folder = folder;
        setIgnoreExchangeEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof FailureEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof FailureEvent failure && InotifyLimit.isCause(failure.getCause())) {
            LOG.error(InotifyLimit.advice(folder));
        }
    }
}
