package dev.deltasync.cli;

import dev.deltasync.rsync.AtomicFile;
import dev.deltasync.rsync.DeltaEncoder;
import dev.deltasync.rsync.DeltaStats;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SignatureFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delta", mixinStandardHelpOptions = true,
        description = "Writes to DELTAFILE what turns the basis described by SIGFILE into NEWFILE:"
                + " copies of basis blocks, new bytes, and NEWFILE's length and SHA-256.",
        footerHeading = "%nExample:%n",
        footer = "  deltasync delta old.sig new.iso new.delta --stats")
final class DeltaCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SIGFILE", description = "signature of the basis (from 'deltasync signature')")
    private Path signatureFile;

    @Parameters(index = "1", paramLabel = "NEWFILE", description = "the new version of the file")
    private Path newFile;

    @Parameters(index = "2", paramLabel = "DELTAFILE", description = "where to write the delta")
    private Path deltaFile;

    @Option(names = "--stats", description = "print what the delta contains on stdout")
    private boolean stats;

    @Override
    public Integer call() {
        Signature signature;
        try (InputStream in = Files.newInputStream(signatureFile)) {
            signature = SignatureFormat.read(in);
        } catch (IOException e) {
            throw CommandFailure.of("cannot read the signature " + signatureFile, e);
        }
        try (InputStream in = Files.newInputStream(newFile)) {
            DeltaStats result = AtomicFile.write(deltaFile, out -> DeltaEncoder.encode(signature, in, out));
            if (stats) {
                spec.commandLine().getOut().printf("new_bytes=%d literal=%d matched=%d delta_bytes=%d sha256=%s%n",
                        result.newLength(), result.literalBytes(), result.matchedBytes(), result.deltaBytes(), result.newSha256Hex());
            }
            return 0;
        } catch (IOException e) {
            throw CommandFailure.of("cannot write the delta of " + newFile + " to " + deltaFile, e);
        }
    }
}
