package dev.deltasync.sync;

import java.util.Optional;

/**
 * Stops a plan that would delete most of a folder: the usual sign of an unmounted disk or an emptied folder
 * rather than of a user's intent.
 */
public final class MassDeleteGuard {

    public static final double DEFAULT_MAX_SHARE = 0.5;
    public static final int DEFAULT_MIN_FILES = 10;

    private MassDeleteGuard() {
    }

    /** Checks one side: refused when it holds more than {@code minFiles} files and would lose more than the share. */
    public static Optional<MassDeleteRefusal> check(Plan plan, Side side, int filesOnSide, double maxShare,
                                                    int minFiles) {
        int deletions = plan.deletionsOn(side);
        if (filesOnSide > minFiles && deletions > maxShare * filesOnSide) {
            return Optional.of(new MassDeleteRefusal(side, deletions, filesOnSide, maxShare));
        }
        return Optional.empty();
    }

    /** Checks both sides against the file counts the plan was computed from. */
    public static Optional<MassDeleteRefusal> check(Plan plan, double maxShare, int minFiles) {
        for (Side side : Side.values()) {
            Optional<MassDeleteRefusal> refusal = check(plan, side, plan.filesOn(side), maxShare, minFiles);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    public static Optional<MassDeleteRefusal> check(Plan plan) {
        return check(plan, DEFAULT_MAX_SHARE, DEFAULT_MIN_FILES);
    }
}
