package dev.deltasync.camel;

import dev.deltasync.watch.BatchPolicy;
import dev.deltasync.watch.ChangeBatchBuilder;
import dev.deltasync.watch.SettleOutcome.Report;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Batch-stage aggregation: adds each reported change to the open {@link ChangeBatchBuilder}, and names the tickets
 * of the changes it holds in two headers, so that whoever hands the batch to the folder's scan can say so
 * ({@code PendingPaths.handedOver}).
 */
public final class ChangeBatchAggregation implements AggregationStrategy {

    /** The first and last ticket of the changes in the batch (absent when none was tracked). */
    public static final String FIRST_TICKET = "DeltaSyncFirstTicket";
    public static final String LAST_TICKET = "DeltaSyncLastTicket";

    private final BatchPolicy policy;

    public ChangeBatchAggregation(BatchPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        ChangeBatchBuilder current = oldExchange == null ? null : oldExchange.getMessage().getBody(ChangeBatchBuilder.class);
        Report report = newExchange.getMessage().getBody(Report.class);
        if (report == null) {
            throw new IllegalArgumentException("the batch stage takes Report bodies, not " + newExchange.getMessage().getBody());
        }
        Exchange result = oldExchange == null ? newExchange : oldExchange;
        result.getMessage().setBody(policy.add(current, report.intent()));
        if (report.ticket() > 0) {
            Long first = result.getMessage().getHeader(FIRST_TICKET, Long.class);
            result.getMessage().setHeader(FIRST_TICKET, first == null ? report.ticket() : Math.min(first, report.ticket()));
            Long last = result.getMessage().getHeader(LAST_TICKET, Long.class);
            result.getMessage().setHeader(LAST_TICKET, last == null ? report.ticket() : Math.max(last, report.ticket()));
        }
        return result;
    }
}
