package dev.deltasync.camel;

import dev.deltasync.watch.BatchPolicy;
import dev.deltasync.watch.ChangeBatchBuilder;
import dev.deltasync.watch.SettleOutcome.Report;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/** Batch-stage aggregation: adds each reported change to the open {@link ChangeBatchBuilder}. */
public final class ChangeBatchAggregation implements AggregationStrategy {

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
        return result;
    }
}
