package dev.deltasync.sync;

/** Why a plan was refused: it would delete too large a share of one side's files. */
public record MassDeleteRefusal(Side side, int deletions, int files, double maxShare) {

    public String message() {
        return String.format(java.util.Locale.ROOT,
                "refusing to sync: the plan would delete %d of the %d files on the %s (more than %.0f%%); "
                        + "if that is intended, run once with --allow-mass-delete, raise --max-delete-share (now %s), "
                        + "or delete them on the %s side as well",
                deletions, files, side.label(), maxShare * 100, maxShare, side.label());
    }
}
