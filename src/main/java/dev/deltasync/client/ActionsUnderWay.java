package dev.deltasync.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.rpc.Pending;
import dev.deltasync.sync.Action;
import dev.deltasync.sync.Side;
import dev.deltasync.sync.SyncStateStore;

/**
 * The actions of a plan other than file copies (deletions, renames, directories, conflict copies, links, state
 * records), each started on its side's {@link Endpoint} without waiting for the one before, then concluded in
 * the plan's order once their answers are in: a run of them costs one round trip, not one per file. Each fails
 * alone, reported by path; only a concluded action changes the sync state.
 */
final class ActionsUnderWay {

    private static final Logger LOG = LoggerFactory.getLogger(ActionsUnderWay.class);

    private record Started(Action action, Pending<Void> done) {
    }

    private final Endpoint client;
    private final Endpoint server;
    private final SyncStateStore state;
    private final String serverId;
    private final List<Started> started = new ArrayList<>();

    ActionsUnderWay(Endpoint client, Endpoint server, SyncStateStore state, String serverId) {
        this.client = client;
        this.server = server;
        this.state = state;
        this.serverId = serverId;
    }

    /** Starts {@code action}; one that cannot even start is reported at once. */
    void start(Action action, SyncReport report) {
        try {
            started.add(new Started(action, begin(action)));
        } catch (IOException e) {
            SyncCycle.failed(action, e, report);
        }
    }

    /** Waits for every action started, in the order they were started, and records what each did. */
    void finishAll(SyncReport report) {
        List<Started> run = List.copyOf(started);
        started.clear();
        for (Started action : run) {
            try {
                action.done().await();
                concluded(action.action(), report);
            } catch (IOException e) {
                SyncCycle.failed(action.action(), e, report);
            }
        }
    }

    private Endpoint on(Side side) {
        return side == Side.CLIENT ? client : server;
    }

    private Pending<Void> begin(Action action) throws IOException {
        if (action instanceof Action.Copy copy) {
            return on(copy.to()).installSymlink(copy.source(), copy.targetBefore(), copy.trashTarget());
        } else if (action instanceof Action.Delete delete) {
            return on(delete.on()).delete(delete.expected(), delete.toTrash());
        } else if (action instanceof Action.Rename rename) {
            return on(rename.on()).rename(rename.expectedFrom(), rename.target().path());
        } else if (action instanceof Action.Mkdir mkdir) {
            return on(mkdir.on()).mkdir(mkdir.dir());
        } else if (action instanceof Action.KeepAsConflict conflict) {
            return on(conflict.on()).keepAsConflict(conflict.loser(), conflict.conflictPath());
        }
        return () -> null; // a record or forget only changes the state
    }

    private void concluded(Action action, SyncReport report) {
        if (action instanceof Action.Copy copy) {
            report.fileChanged();
            state.record(serverId, copy.source());
        } else if (action instanceof Action.Delete delete) {
            LOG.info("Deleted {} on the {}", delete.expected().path(), SyncCycle.sideName(delete.on()));
            report.deleted();
            state.forget(serverId, delete.expected().path());
        } else if (action instanceof Action.Rename rename) {
            LOG.info("Renamed {} to {} on the {}", rename.from(), rename.target().path(),
                    SyncCycle.sideName(rename.on()));
            report.fileChanged();
            state.forget(serverId, rename.from());
            state.record(serverId, rename.target());
        } else if (action instanceof Action.Mkdir mkdir) {
            state.record(serverId, mkdir.dir());
        } else if (action instanceof Action.KeepAsConflict conflict) {
            LOG.warn("Conflict on {}: the {}'s version is kept as {}", conflict.loser().path(),
                    SyncCycle.sideName(conflict.on()), conflict.conflictPath());
            report.conflict();
        } else if (action instanceof Action.Record agreed) {
            state.record(serverId, agreed.agreed());
        } else if (action instanceof Action.Forget forget) {
            state.forget(serverId, forget.path());
        }
    }
}
