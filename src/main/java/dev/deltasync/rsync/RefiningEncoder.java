package dev.deltasync.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-round rsync: the sender asks the receiver for the signature of its basis in large blocks,
 * matches, then asks for finer signatures of only the basis stretches that can hold what is still
 * unmatched, and so on (see {@link RefinePolicy}). A one-byte change then costs tens of bytes instead
 * of a whole rsync block, and the first signature is a fraction of rsync's. Each round is one request
 * to the receiver ({@link SignatureSource}); the result is a version-2 delta whose copies are byte
 * ranges of the basis. The whole-file SHA-256 of the new content is computed in the first pass, which
 * reads it all; later rounds and the writing of literals read only the stretches they need.
 */
public final class RefiningEncoder {

    /** The receiver's side of a round: signatures of ranges of its basis. */
    @FunctionalInterface
    public interface SignatureSource {
        /**
         * @param seed   seed of the strong hash, fresh for each round
         * @param wanted how many bits of sums the search needs per block; a source may answer with whole sums
         */
        List<Signature> signatures(int blockLength, long seed, List<BasisRange> ranges, SumWidth wanted)
                throws IOException;

        /** A later round now searches {@code bytes} of the new file (the stretches that differ) for its answer. */
        default void searching(long bytes) {
        }

        /** {@code bytes} more of them were searched (for progress reports). */
        default void searched(long bytes) {
        }
    }

    /** Where the delta goes; opened only once every round is done, so a round's request never waits behind it. */
    @FunctionalInterface
    public interface DeltaTarget {
        OutputStream open() throws IOException;
    }

    /** What an encoding did, beyond {@link DeltaStats}: rounds run and signature bytes they needed. */
    public record Result(DeltaStats stats, int rounds) {
    }

    /**
     * The first pass over new content against a signature its sender holds: what it matched, its SHA-256 and length.
     * Made ahead of time ({@link #firstPass}), it lets {@link #encode} skip reading the content in order.
     */
    public static final class FirstPass {
        private final String basisSha256Hex;
        private final long basisLength;
        private final int blockLength;
        private final List<Piece> pieces;
        private final byte[] sha256;
        private final long length;

        private FirstPass(Signature against, List<Piece> pieces, byte[] sha256, long length) {
            this.basisSha256Hex = against.basisSha256Hex();
            this.basisLength = against.basisLength();
            this.blockLength = against.blockLength();
            this.pieces = List.copyOf(pieces);
            this.sha256 = sha256.clone();
            this.length = length;
        }

        /** The SHA-256 of the content the pass read (lowercase hex). */
        public String sha256Hex() {
            return java.util.HexFormat.of().formatHex(sha256);
        }

        /** Whether the pass was made against this very signature's basis and blocks. */
        boolean madeAgainst(Signature signature) {
            return java.util.Objects.equals(signature.basisSha256Hex(), basisSha256Hex)
                    && signature.basisLength() == basisLength
                    && signature.blockLength() == blockLength;
        }
    }

    /** Reads {@code sequential} once against {@code known} (the signature {@link #encode} will be given). */
    public static FirstPass firstPass(InputStream sequential, Signature known) throws IOException {
        return firstPass(sequential, known, new BasisRange(0, known.basisLength()));
    }

    private static FirstPass firstPass(InputStream sequential, Signature signature, BasisRange whole)
            throws IOException {
        PieceCollector collector = new PieceCollector(0, whole, signature.blockLength());
        try (HashingWindow window = new HashingWindow(sequential, MatchScanner.bytesToKeep(signature))) {
            new MatchScanner(signature, window, collector).run();
            return new FirstPass(signature, collector.pieces(), window.sha256(), window.totalRead());
        }
    }

    private static final java.security.SecureRandom SEEDS = new java.security.SecureRandom();

    private RefiningEncoder() {
    }

    /**
     * @param newFile     the new content, read once in order through {@code sequential} and then at random
     * @param sequential  a stream of {@code newFile} from its start (e.g. one that reports progress)
     * @param basisLength length of the receiver's basis (0: everything is literal, no round is asked for)
     * @param basisSha256Hex SHA-256 of the basis, written in the delta so the receiver can check its basis
     */
    public static Result encode(Path newFile, InputStream sequential, long basisLength, String basisSha256Hex,
                                SignatureSource source, RefinePolicy policy, DeltaTarget target) throws IOException {
        return encode(newFile, sequential, basisLength, basisSha256Hex, null, source, policy, target);
    }

    /**
     * As above, with a signature of the basis the sender already holds (a cache of the version both sides last
     * agreed on): it stands for the first round, which then costs no request, and the rounds go on from its
     * block length. It is used only if it is the signature of a basis of that length and SHA-256.
     *
     * @param known the basis' signature, or null
     */
    public static Result encode(Path newFile, InputStream sequential, long basisLength, String basisSha256Hex,
                                Signature known, SignatureSource source, RefinePolicy policy, DeltaTarget target)
            throws IOException {
        return encode(newFile, sequential, basisLength, basisSha256Hex, known, source, policy, false, target);
    }

    /** As above; @param compact write the compact delta (version 3: varints, 8-byte hash prefixes, no CRC) */
    public static Result encode(Path newFile, InputStream sequential, long basisLength, String basisSha256Hex,
                                Signature known, SignatureSource source, RefinePolicy policy, boolean compact,
                                DeltaTarget target) throws IOException {
        return encode(newFile, sequential, basisLength, basisSha256Hex, known, null, source, policy, compact, target);
    }

    /**
     * As above, with the first pass against {@code known} already made ({@link #firstPass}, null for none): then
     * {@code sequential} is not read. The caller vouches that the pass read the content {@code newFile} holds (same
     * SHA-256); it is used only if it was made against {@code known} and {@code known} is used.
     */
    public static Result encode(Path newFile, InputStream sequential, long basisLength, String basisSha256Hex,
                                Signature known, FirstPass prepared, SignatureSource source, RefinePolicy policy,
                                boolean compact, DeltaTarget target) throws IOException {
        boolean useKnown = known != null && basisLength > 0 && known.basisLength() == basisLength
                && known.basisSha256Hex().equals(basisSha256Hex);
        int block = useKnown ? known.blockLength() : policy.firstBlock(basisLength);
        BasisRange whole = new BasisRange(0, basisLength);
        Signature first = useKnown ? known
                : basisLength == 0 ? Signature.empty() : source.signatures(block, SEEDS.nextLong(), List.of(whole),
                        SumWidth.forPairs((double) Math.max(basisLength, Files.size(newFile))
                                * StrongLength.blockCount(basisLength, block))).get(0);
        FirstPass pass = useKnown && prepared != null && prepared.madeAgainst(known) ? prepared
                : firstPass(sequential, first, whole);
        byte[] sha = pass.sha256;
        long length = pass.length;
        List<Piece> pieces = pass.pieces;
        int rounds = basisLength == 0 || useKnown ? 0 : 1;
        try (FileChannel file = FileChannel.open(newFile, StandardOpenOption.READ)) {
            int shrink = policy.shrinkAfter(block);
            for (int b = nextBlock(pieces, basisLength, block, shrink, policy); b > 0 && basisLength > 0;
                 b = nextBlock(pieces, basisLength, b, shrink, policy)) {
                List<Piece> refined = refine(pieces, basisLength, b, source, policy, file);
                if (refined == null) {
                    break;
                }
                pieces = refined;
                rounds++;
            }
            try (OutputStream deltaOut = target.open()) {
                DeltaStats stats = PieceDeltaWriter.write(pieces,
                        piece -> new RangeInputStream(file, piece.newOffset(), piece.length()),
                        block, basisLength, basisSha256Hex, length, sha, compact, deltaOut);
                return new Result(stats, rounds);
            }
        }
    }

    /**
     * The next round's block length: after a fine first signature by {@code shrink} (few rounds down to the
     * smallest blocks), otherwise by expected time for the basis stretches still to search (0: no next round).
     */
    private static int nextBlock(List<Piece> pieces, long basisLength, int block, int shrink, RefinePolicy policy) {
        if (shrink != policy.shrink()) {
            return policy.nextBlock(block, shrink);
        }
        List<BasisRange> gaps = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            BasisRange gap = pieces.get(i).isLiteral() && !pieces.get(i).exhausted()
                    ? BasisGap.of(pieces, i, basisLength) : null;
            if (gap != null) {
                gaps.add(gap);
            }
        }
        return policy.nextBlockByTime(block, b -> gaps.stream()
                .mapToLong(gap -> RefinePolicy.signatureBytes(gap.length(), b)).sum());
    }

    /** One round at block length {@code b}; null when no stretch is worth refining. */
    private static List<Piece> refine(List<Piece> pieces, long basisLength, int b, SignatureSource source,
                                      RefinePolicy policy, FileChannel file) throws IOException {
        List<Integer> chosen = new ArrayList<>();
        List<BasisRange> ranges = new ArrayList<>();
        long covered = 0;
        long mayDrop = 0;
        long signatureBytes = 0;
        double pairs = 0;
        for (int i = 0; i < pieces.size() && ranges.size() < policy.maxRanges(); i++) {
            Piece piece = pieces.get(i);
            if (!piece.isLiteral() || piece.exhausted()) {
                continue;
            }
            BasisRange gap = BasisGap.of(pieces, i, basisLength);
            if (gap != null && policy.worthRefining(piece.length(), gap.length(), b)
                    && covered + gap.length() <= RefinePolicy.MAX_COVERAGE * basisLength) {
                chosen.add(i);
                ranges.add(gap);
                covered += gap.length();
                mayDrop += piece.length();
                signatureBytes += RefinePolicy.signatureBytes(gap.length(), b);
                pairs += (double) piece.length() * StrongLength.blockCount(gap.length(), b);
            }
        }
        if (ranges.isEmpty() || !policy.worthARound(mayDrop, signatureBytes)) {
            return null;
        }
        List<Signature> signatures = source.signatures(b, SEEDS.nextLong(), ranges, SumWidth.forPairs(pairs));
        source.searching(mayDrop);
        return PieceCollector.spliced(pieces, chosen,
                (c, piece) -> scan(file, piece, ranges.get(c), signatures.get(c), source));
    }

    private static List<Piece> scan(FileChannel file, Piece piece, BasisRange range, Signature signature,
                                    SignatureSource source) throws IOException {
        PieceCollector collector = new PieceCollector(piece.newOffset(), range, signature.blockLength());
        InputStream in = new java.io.FilterInputStream(new RangeInputStream(file, piece.newOffset(), piece.length())) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    source.searched(n);
                }
                return n;
            }
        };
        try (HashingWindow window = HashingWindow.unhashed(in, MatchScanner.bytesToKeep(signature))) {
            new MatchScanner(signature, window, collector).run();
            if (window.totalRead() != piece.length()) {
                throw new BasisChangedException("the file being sent ended early (did it change while being read?)");
            }
        }
        return collector.pieces();
    }
}
