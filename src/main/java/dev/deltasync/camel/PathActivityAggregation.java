package dev.deltasync.camel;

import dev.deltasync.watch.PathActivity;
import dev.deltasync.watch.PathDebouncer;
import dev.deltasync.watch.RawEvent;
import dev.deltasync.watch.SettleOutcome.Recheck;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Debounce-stage aggregation: folds a raw event, or an activity coming back for a re-check, into
 * the path's {@link PathActivity}, and tells the aggregator how long the path must now stay quiet.
 */
public final class PathActivityAggregation implements AggregationStrategy {

    /** Header read by {@code completionTimeoutExpression}; Camel evaluates it on the incoming exchange. */
    public static final String HOLD_MILLIS = "DeltaSyncHoldMillis";

    private final PathDebouncer debouncer;

    public PathActivityAggregation(PathDebouncer debouncer) {
        this.debouncer = debouncer;
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        PathActivity current = oldExchange == null ? null : oldExchange.getMessage().getBody(PathActivity.class);
        Object incoming = newExchange.getMessage().getBody();
        PathActivity next = incoming instanceof Recheck recheck
                ? debouncer.resume(current, recheck.activity())
                : debouncer.record(current, requireRawEvent(incoming));
        newExchange.getMessage().setHeader(HOLD_MILLIS, debouncer.holdMillis(next));
        Exchange result = oldExchange == null ? newExchange : oldExchange;
        result.getMessage().setBody(next);
        return result;
    }

    private static RawEvent requireRawEvent(Object body) {
        if (body instanceof RawEvent event) {
            return event;
        }
        throw new IllegalArgumentException("the debounce stage takes RawEvent or Recheck bodies, not " + body);
    }
}
