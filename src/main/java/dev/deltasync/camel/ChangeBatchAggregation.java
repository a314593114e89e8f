package dev.deltasync.camel;

import dev.deltasync.watch.BatchPolicy;
import dev.deltasync.watch.ChangeBatchBuilder;
import dev.deltasync.watch.SettleOutcome.Report;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Batch-stage aggregation: adds each reported change to the open {@link ChangeBatchBuilder}, and names the tickets
 * of the changes it holds in two headers, so that whoever hands the batch to the folder's scan can say so
 * ({@code PendingPaths.handedOver}). A batch held back ({@code BatchPolicy.holdBack}) comes back as a
 * {@link ChangeBatchBuilder} body with its ticket headers, and joins the batch that opened meanwhile.
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
        Object body = newExchange.getMessage().getBody();
        Exchange result = oldExchange == null ? newExchange : oldExchange;
        if (body instanceof ChangeBatchBuilder heldBack) {
            result.getMessage().setBody(policy.merge(current, heldBack));
            if (result != newExchange) {
                tickets(result, newExchange.getMessage().getHeader(FIRST_TICKET, Long.class));
                tickets(result, newExchange.getMessage().getHeader(LAST_TICKET, Long.class));
            }
            return result;
        }
        if (!(body instanceof Report report)) {
            throw new IllegalArgumentException("the batch stage takes Report bodies, not " + body);
        }
        result.getMessage().setBody(policy.add(current, report.intent()));
        if (report.ticket() > 0) {
            tickets(result, report.ticket());
        }
        return result;
    }

    /** Widens the batch's ticket range to take in {@code ticket} (null: none). */
    private static void tickets(Exchange batch, Long ticket) {
        if (ticket == null) {
            return;
        }
        Long first = batch.getMessage().getHeader(FIRST_TICKET, Long.class);
        batch.getMessage().setHeader(FIRST_TICKET, first == null ? ticket : Math.min(first, ticket));
        Long last = batch.getMessage().getHeader(LAST_TICKET, Long.class);
        batch.getMessage().setHeader(LAST_TICKET, last == null ? ticket : Math.max(last, ticket));
    }
}
