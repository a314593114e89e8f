package dev.deltasync.camel;

import dev.deltasync.watch.EventGate;
import dev.deltasync.watch.RawEvent;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.file.watch.FileWatchConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of {@code watch-events}: one processor for what were a gate filter, a bean and a header per event on
 * camel-file-watch's single consumer thread (their simple-language parameter bindings were most of an event's cost
 * in a fresh JVM). An admitted event leaves as a {@link RawEvent} body, timed when the watcher library saw it, with
 * only the {@link #PATH} header, so the per-path aggregator's copy of it is small; a dropped one leaves a null body.
 */
public final class WatchIntake implements Processor {

    /** The path's correlation key in the debounce stage. */
    public static final String PATH = "DeltaSyncPath";

    private static final Logger LOG = LoggerFactory.getLogger("dev.deltasync.watch");
    /** An event taken later than this after the watcher saw it is logged (DEBUG): intake lag eats the quiet period. */
    private static final long NOTABLE_LAG_MILLIS = 100;

    private final EventGate gate;
    private final Clock clock;

    public WatchIntake(EventGate gate, Clock clock) {
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String relPath = message.getHeader(FileWatchConstants.FILE_RELATIVE_PATH, String.class);
        String kind = message.getHeader(FileWatchConstants.EVENT_TYPE_HEADER, String.class);
        Long seenAt = message.getHeader(Exchange.MESSAGE_TIMESTAMP, Long.class);
        message.getHeaders().clear();
        if (relPath == null || kind == null) {
            throw new IllegalArgumentException("not a file-watch event: no " + FileWatchConstants.FILE_RELATIVE_PATH
                    + " or " + FileWatchConstants.EVENT_TYPE_HEADER + " header");
        }
        if (!gate.admits(relPath)) {
            message.setBody(null);
            return;
        }
        long now = clock.millis();
        RawEvent event = gate.toRawEvent(kind, relPath, seenAt == null ? now : seenAt);
        if (LOG.isDebugEnabled() && now - event.atMillis() >= NOTABLE_LAG_MILLIS) {
            LOG.debug("{} of {} waited {} ms between the watcher and the debounce stage", event.kind(), event.relPath(),
                    now - event.atMillis());
        }
        message.setBody(event);
        message.setHeader(PATH, event.relPath());
    }
}
