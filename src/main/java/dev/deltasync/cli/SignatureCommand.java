package dev.deltasync.cli;

import dev.deltasync.rsync.AtomicFile;
import dev.deltasync.rsync.BlockSize;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SignatureBuilder;
import dev.deltasync.rsync.SignatureFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "signature", mixinStandardHelpOptions = true,
        description = "Writes the signature of BASIS (block checksums and whole-file SHA-256) to SIGFILE.",
        footerHeading = "%nExample:%n",
        footer = "  deltasync signature old.iso old.sig%n"
                + "  deltasync delta old.sig new.iso new.delta%n"
                + "  deltasync patch old.iso new.delta rebuilt.iso")
final class SignatureCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASIS", description = "the file the receiver already has")
    private Path basis;

    @Parameters(index = "1", paramLabel = "SIGFILE", description = "where to write the signature")
    private Path signatureFile;

    @Option(names = "--block-size", paramLabel = "BYTES",
            description = "block length, " + BlockSize.MIN_OVERRIDE + ".." + BlockSize.MAX_OVERRIDE
                    + " (default: about the square root of the file size, 700 B to 128 KiB)")
    private Integer blockSize;

    @Override
    public Integer call() {
        if (blockSize != null && (blockSize < BlockSize.MIN_OVERRIDE || blockSize > BlockSize.MAX_OVERRIDE)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--block-size must be between "
                    + BlockSize.MIN_OVERRIDE + " and " + BlockSize.MAX_OVERRIDE + ", not " + blockSize);
        }
        try {
            Signature signature = blockSize == null ? SignatureBuilder.build(basis) : SignatureBuilder.build(basis, blockSize);
            AtomicFile.write(signatureFile, out -> {
                SignatureFormat.write(signature, out);
                return signature;
            });
            return 0;
        } catch (IOException e) {
            throw CommandFailure.of("cannot write the signature of " + basis + " to " + signatureFile, e);
        }
    }
}
