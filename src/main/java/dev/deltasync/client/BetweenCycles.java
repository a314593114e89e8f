package dev.deltasync.client;

import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.PathsInPlay;
import dev.deltasync.sync.WatchedScan;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a running client remembers from one sync cycle to the next, so that a cycle reconciles only the
 * {@link PathsInPlay}: the scan the last cycle reconciled, the paths it left pending (those its plan acted on,
 * whether or not the action succeeded, and those it left alone), and what it filtered out. Whenever one of the
 * sources of changes cannot say what changed (a whole scan, a whole manifest), the filters changed, or a cycle did
 * not finish, the next cycle reconciles every path. Cycles take turns.
 */
public final class BetweenCycles {

    private boolean everyPathNext = true;
    private long scanNumber;
    private Set<String> pending = Set.of();
    private IgnoreRules rules;
    private Set<String> unreadable = Set.of();

    /**
     * The paths in play for a cycle over scan {@code number}, given what the server's manifest changed at; from
     * now until {@link #finished} the next cycle reconciles every path.
     */
    synchronized PathsInPlay begin(WatchedScan scans, long number, Optional<Set<String>> serverChanges,
                                   IgnoreRules rules, Set<String> unreadable) {
        boolean every = everyPathNext || rules != this.rules || !unreadable.equals(this.unreadable);
        everyPathNext = true;
        Optional<Set<String>> localChanges = scans.changedBetween(scanNumber, number);
        if (every || serverChanges.isEmpty() || localChanges.isEmpty()) {
            return PathsInPlay.all();
        }
        Set<String> changed = new HashSet<>(localChanges.get());
        changed.addAll(serverChanges.get());
        changed.addAll(pending);
        return PathsInPlay.of(changed);
    }

    /** The cycle over scan {@code number} carried out its plan; {@code pending} are looked at again next time. */
    synchronized void finished(long number, Set<String> pending, IgnoreRules rules, Set<String> unreadable) {
        this.scanNumber = number;
        this.pending = Set.copyOf(pending);
        this.rules = rules;
        this.unreadable = Set.copyOf(unreadable);
        everyPathNext = false;
    }
}
