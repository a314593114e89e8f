package dev.deltasync.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Multi-round rsync driven by the receiver, for fetching a file (the zsync direction): the receiver
 * asks the sender for signatures of the new file, first whole in large blocks, then finer ones of only
 * the stretches it could not find in its own basis, searching for each only in the stretch of the basis
 * between its neighbours' matches. What is left is fetched as raw byte ranges and the result is put
 * together as a version-2 delta, so that {@link Patcher} checks both the basis and the result.
 */
public final class ReceiverRefiner {

    private static final java.security.SecureRandom SEEDS = new java.security.SecureRandom();

    private ReceiverRefiner() {
    }

    /** Where each stretch of the new file comes from: the basis, or the sender (literal pieces). */
    public record Plan(List<Piece> pieces, int rounds) {

        /** The stretches of the new file to fetch, in order. */
        public List<BasisRange> literalRanges() {
            return pieces.stream().filter(Piece::isLiteral).map(p -> new BasisRange(p.newOffset(), p.length())).toList();
        }

        public long literalBytes() {
            return pieces.stream().filter(Piece::isLiteral).mapToLong(Piece::length).sum();
        }
    }

    /**
     * @param newSignatures the sender's side of a round: signatures of ranges of the new file
     */
    public static Plan plan(Path basis, long newLength, RefiningEncoder.SignatureSource newSignatures,
                            RefinePolicy policy) throws IOException {
        return plan(basis, newLength, newSignatures, policy, bytes -> { });
    }

    /** As above; @param scanned told the bytes of the basis searched, as they are (for progress reports) */
    public static Plan plan(Path basis, long newLength, RefiningEncoder.SignatureSource newSignatures,
                            RefinePolicy policy, LongConsumer scanned) throws IOException {
        if (newLength == 0) {
            return new Plan(List.of(), 0);
        }
        int block = policy.firstBlock(newLength);
        try (FileChannel channel = FileChannel.open(basis, StandardOpenOption.READ)) {
            long basisLength = channel.size();
            Signature whole = newSignatures.signatures(block, SEEDS.nextLong(), List.of(new BasisRange(0, newLength)),
                    SumWidth.forPairs((double) Math.max(basisLength, newLength)
                            * StrongLength.blockCount(newLength, block))).get(0);
            List<Piece> pieces = locate(channel, new BasisRange(0, basisLength), whole, 0, scanned);
            int rounds = 1;
            for (int b = nextBlock(pieces, block, policy); b > 0; b = nextBlock(pieces, b, policy)) {
                List<Piece> refined = refine(pieces, channel, basisLength, b, newSignatures, policy, scanned);
                if (refined == null) {
                    break;
                }
                pieces = refined;
                rounds++;
            }
            return new Plan(pieces, rounds);
        }
    }

    /** The next round's block length, by expected time for the stretches still literal (0: no next round). */
    private static int nextBlock(List<Piece> pieces, int block, RefinePolicy policy) {
        List<Piece> literal = pieces.stream().filter(p -> p.isLiteral() && !p.exhausted()).toList();
        return policy.nextBlockByTime(block, b -> literal.stream()
                .mapToLong(p -> RefinePolicy.signatureBytes(p.length(), b)).sum());
    }

    private static List<Piece> refine(List<Piece> pieces, FileChannel basis, long basisLength, int b,
                                      RefiningEncoder.SignatureSource newSignatures, RefinePolicy policy,
                                      LongConsumer scanned) throws IOException {
        List<Integer> chosen = new ArrayList<>();
        List<BasisRange> wanted = new ArrayList<>();
        List<BasisRange> gaps = new ArrayList<>();
        long mayDrop = 0;
        long signatureBytes = 0;
        double pairs = 0;
        for (int i = 0; i < pieces.size() && wanted.size() < policy.maxRanges(); i++) {
            Piece piece = pieces.get(i);
            if (!piece.isLiteral() || piece.exhausted()) {
                continue;
            }
            BasisRange gap = BasisGap.of(pieces, i, basisLength);
            // the sender signs the new stretch: the cost depends on the stretch, the gain on what the gap holds
            if (gap != null && policy.worthRefining(Math.min(piece.length(), gap.length()), piece.length(), b)) {
                chosen.add(i);
                wanted.add(new BasisRange(piece.newOffset(), piece.length()));
                gaps.add(gap);
                mayDrop += Math.min(piece.length(), gap.length());
                signatureBytes += RefinePolicy.signatureBytes(piece.length(), b);
                pairs += (double) gap.length() * StrongLength.blockCount(piece.length(), b);
            }
        }
        if (wanted.isEmpty() || !policy.worthARound(mayDrop, signatureBytes)) {
            return null;
        }
        List<Signature> signatures = newSignatures.signatures(b, SEEDS.nextLong(), wanted, SumWidth.forPairs(pairs));
        return PieceCollector.spliced(pieces, chosen,
                (c, piece) -> locate(basis, gaps.get(c), signatures.get(c), piece.newOffset(), scanned));
    }

    /** Scans the basis range for the blocks of a new stretch's signature. */
    private static List<Piece> locate(FileChannel basis, BasisRange gap, Signature signature, long newStart,
                                      LongConsumer scanned) throws IOException {
        BlockLocator locator = new BlockLocator(signature, gap.offset());
        if (signature.blockCount() > 0 && gap.length() > 0) {
            InputStream in = new CountingInputStream(new RangeInputStream(basis, gap.offset(), gap.length()), scanned);
            try (HashingWindow window = HashingWindow.unhashed(in, MatchScanner.bytesToKeep(signature))) {
                new MatchScanner(signature, window, locator).run();
            }
        }
        return locator.pieces(newStart);
    }

    /**
     * Writes the version-2 delta that rebuilds the new file from the basis and the fetched literal bytes
     * ({@code literals}: the plan's literal ranges back to back).
     */
    public static DeltaStats writeDelta(Plan plan, InputStream literals, long basisLength, String basisSha256Hex,
                                        long newLength, String newSha256Hex, int blockLength, OutputStream deltaOut)
            throws IOException {
        return PieceDeltaWriter.write(plan.pieces(), piece -> literals, blockLength, basisLength, basisSha256Hex,
                newLength, HexFormat.of().parseHex(newSha256Hex), deltaOut);
    }

    /**
     * Rebuilds the new file from its start for as long as the literal bytes that arrived last ({@code literals}
     * was cut off): what a transfer that was cut keeps to resume from. Unverified; returns the bytes written.
     */
    public static long writePrefix(Plan plan, InputStream literals, Path basis, OutputStream out) throws IOException {
        long written = 0;
        byte[] buffer = new byte[1 << 16];
        try (FileChannel channel = FileChannel.open(basis, StandardOpenOption.READ)) {
            for (Piece piece : plan.pieces()) {
                for (long done = 0; done < piece.length(); ) {
                    int want = (int) Math.min(buffer.length, piece.length() - done);
                    int n = piece.isLiteral() ? literals.readNBytes(buffer, 0, want)
                            : channel.read(java.nio.ByteBuffer.wrap(buffer, 0, want), piece.basisOffset() + done);
                    if (n <= 0) {
                        return written;
                    }
                    out.write(buffer, 0, n);
                    written += n;
                    done += n;
                }
            }
        }
        return written;
    }
}
