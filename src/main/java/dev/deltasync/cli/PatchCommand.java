package dev.deltasync.cli;

import dev.deltasync.rsync.PatchFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "patch", mixinStandardHelpOptions = true,
        description = "Applies DELTAFILE to BASIS and writes the result to OUTFILE, which appears only once"
                + " its length and SHA-256 match the delta's (exit 1 and no OUTFILE otherwise).",
        footerHeading = "%nExample:%n",
        footer = "  deltasync patch old.iso new.delta rebuilt.iso%n"
                + "  deltasync patch /dev/null new-file.delta new-file    (delta made against an empty file)")
final class PatchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASIS", description = "the file the delta's signature was made from")
    private Path basis;

    @Parameters(index = "1", paramLabel = "DELTAFILE", description = "the delta (from 'deltasync delta')")
    private Path deltaFile;

    @Parameters(index = "2", paramLabel = "OUTFILE", description = "where to write the result (replaced atomically)")
    private Path outFile;

    @Override
    public Integer call() {
        try {
            PatchFile.apply(basis, deltaFile, outFile);
            return 0;
        } catch (IOException e) {
            throw CommandFailure.of("cannot apply " + deltaFile + " to " + basis, e);
        }
    }
}
