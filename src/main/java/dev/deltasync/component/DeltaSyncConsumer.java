package dev.deltasync.component;

import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

import dev.deltasync.camel.AppliedChange;
import dev.deltasync.camel.DeltaSyncRunner;
import dev.deltasync.folder.FolderChange;

/**
 * Runs a deltasync server or live client (the same routes and beans as deltasync.jar, in a Camel context of their
 * own) and emits one exchange per change a sync applies to its folder. Exchanges leave one at a time, in the order
 * the changes were applied, on a thread of this consumer's: a slow route never holds up the sync.
 */
public class DeltaSyncConsumer extends DefaultConsumer {

    private final boolean isClient;
    private final Map<String, String> props;
    private DeltaSyncRunner runner;
    private ExecutorService events;

    DeltaSyncConsumer(DeltaSyncEndpoint endpoint, Processor processor, boolean isClient, Map<String, String> props) {
        super(endpoint, processor);
        this.isClient = isClient;
        this.props = props;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        events = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "deltasync-" + role() + "-events");
        runner = DeltaSyncRunner.embedded(isClient, props);
        runner.role().onChange(change -> events.execute(() -> emit(change)));
        try {
            runner.start();
        } catch (Exception e) {
            runner.close();
            throw e;
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (runner != null) {
            runner.close();
            runner = null;
        }
        if (events != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(events);
            events = null;
        }
        super.doStop();
    }

    private String role() {
        return isClient ? "client" : "server";
    }

    private void emit(AppliedChange applied) {
        Exchange exchange = createExchange(false);
        try {
            describe(applied, exchange.getMessage());
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Processing the deltasync event for "
                    + applied.change().path(), exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    private void describe(AppliedChange applied, Message message) {
        FolderChange change = applied.change();
        message.setHeader(DeltaSyncConstants.EVENT, change.type().name());
        message.setHeader(DeltaSyncConstants.PATH, change.path());
        message.setHeader(DeltaSyncConstants.FILE_NAME, change.path());
        message.setHeader(DeltaSyncConstants.ABSOLUTE_PATH, applied.file().toString());
        message.setHeader(DeltaSyncConstants.SIZE, change.entry().size());
        message.setHeader(DeltaSyncConstants.SHA256, change.entry().hash());
        message.setHeader(DeltaSyncConstants.PEER, applied.peer());
        message.setHeader(DeltaSyncConstants.MODE, applied.mode());
        message.setHeader(DeltaSyncConstants.ROLE, role());
        if (!change.previous().isEmpty()) {
            message.setHeader(DeltaSyncConstants.PREVIOUS_PATH, change.previous());
        }
        if (change.type() == FolderChange.Type.CONFLICT_KEPT) {
            message.setHeader(DeltaSyncConstants.CONFLICT_COPY, change.path());
        }
        if (change.type() == FolderChange.Type.ARRIVED || change.type() == FolderChange.Type.UPDATED) {
            message.setBody(applied.file().toFile()); // read when the route reads it: the file as installed
        }
    }
}
