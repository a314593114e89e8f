package dev.deltasync.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Applies a delta file to a basis file, creating the output only once it is complete and verified. */
public final class PatchFile {

    private PatchFile() {
    }

    /**
     * @param basis  the basis file (null for a delta made against {@link Signature#empty()}); may be the output itself
     * @param delta  the delta file
     * @param output created or replaced atomically; untouched on any failure
     */
    public static PatchResult apply(Path basis, Path delta, Path output) throws IOException {
        try (InputStream in = Files.newInputStream(delta)) {
            return AtomicFile.write(output, out -> Patcher.patch(basis, in, out));
        }
    }
}
