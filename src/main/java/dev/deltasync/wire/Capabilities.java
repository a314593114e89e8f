package dev.deltasync.wire;

/**
 * The features announced in the capabilities field of Hello and Challenge. Since protocol 3 none is optional:
 * both sides announce {@link #ALL}, and a peer that leaves any out is refused. The bits stay on the wire (and in
 * the handshake's proofs) so that a later version can add optional features again.
 */
public final class Capabilities {

    /** Stream chunks may be zstd-compressed. */
    public static final long ZSTD = 1L;
    /**
     * Data chunks are compressed as one zstd stream per connection direction (each frame flushed), so
     * the compression context carries over from file to file: many small files compress like one.
     */
    public static final long ZSTD_STREAM = 2L;
    /** The server answers multi-round refinement requests ({@link GetRangeSignatures}, {@link GetRanges}, version-2 deltas). */
    public static final long REFINE = 4L;
    /** The server takes new small files in batches ({@link PutBatch}). */
    public static final long BATCH = 8L;
    /** The server keeps recent manifest versions and answers "since version V" with only the difference. */
    public static final long MANIFEST_DIFF = 16L;
    /** On first contact the client sends a key per file and the server leaves out the entries it already has. */
    public static final long MANIFEST_KEYS = 32L;
    /** The server answers the rounds of several small files in one request ({@link GetSharedRound}). */
    public static final long SHARED_ROUNDS = 64L;
    /**
     * First-contact keys may be shorter than 8 bytes (as the folder's size allows); the answer then carries the
     * server's tree digest, so a collision is caught.
     */
    public static final long SHORT_KEYS = 128L;
    /**
     * On first contact the client may send a rateless sketch of its keys instead of the keys themselves
     * ({@link ManifestRequest.Sketch}); the server asks for more symbols ({@link MoreSymbols}) until it has decoded
     * the difference, so the cost follows the number of differing entries, not the folder's size.
     */
    public static final long KEY_SKETCH = 256L;
    /**
     * The new files of a {@link PutBatch} carry the first 8 bytes of their SHA-256 instead of all 32: the receiver
     * hashes what it writes, installs a file only if its hash starts with them, and records the whole hash.
     */
    public static final long BATCH_HASH_PREFIX = 512L;
    /**
     * A shared round's part may name how many bits of sums it wants per block ({@link GetSharedRound.Part#width}):
     * the requester sizes them for the search it will run (~28 bits for a small file instead of 40).
     */
    public static final long ROUND_SUM_WIDTH = 1024L;
    /**
     * The client names the hashes the server only checks by their first 8 bytes (the first refinement round's
     * expected hash, PutFile's target and basis, Delete, Rename, GetFile, GetSignature, GetRanges), and an upload's
     * delta is the compact version 3 (varints, 8-byte hash prefixes, no CRC). The server checks the prefixes (2^-64
     * to miss a difference) and records the whole hash it computed while patching.
     */
    public static final long HASH_PREFIXES = 2048L;
    /**
     * Small text files edited on both sides may go as line edits: the client asks for a rateless sketch of the
     * keys of the server's lines ({@link GetLineSketch}), decodes which lines differ, and sends only its new lines
     * and the names of the server's lines it drops ({@link PutLines}); the server checks the result's hash.
     */
    public static final long LINE_EDITS = 4096L;
    /**
     * Optional (not part of {@link #ALL}): the server keeps what arrived of an upload that was cut off and says so
     * ({@link GetPartial}), and takes a delta against it ({@link PutFile#resumed}). A side that lacks it simply
     * starts such transfers over.
     */
    public static final long RESUME = 8192L;
    /**
     * Optional (not part of {@link #ALL}): the client takes a {@link Changed} push that carries the server's
     * manifest step and the contents of small changed files ({@link PushedStep}). A client without it gets the
     * plain paths.
     */
    public static final long PUSH_STEP = 16384L;
    /**
     * Optional (not part of {@link #ALL}), with {@link #PUSH_STEP}: a pushed step may carry a changed small text
     * file as a line edit against the version the step starts from ({@link PushedStep.Edit}) instead of its whole
     * content. The client applies it to its copy and checks the result's hash; a client without it gets contents.
     */
    public static final long PUSH_EDITS = 32768L;
    /**
     * Optional (not part of {@link #ALL}): the server takes a {@link ManifestRequest#settled()} request, which it
     * answers only once the changes its watcher still holds in their quiet period are in its scan (bounded). A client
     * sends the flag only to a server that announced it.
     */
    public static final long SETTLED_MANIFEST = 65536L;
    /**
     * Optional (not part of {@link #ALL}): the server keeps signatures of the versions of big files it held
     * ({@code SignatureCache}, server side) and answers a {@link GetFile} that names the asker's version
     * ({@link GetFile#basisHash}) with a delta against it at once, with no refinement round. A client sends the
     * hash only to a server that announced it.
     */
    public static final long CACHED_BASIS = 131072L;
    /** Every feature: what protocol 3 requires of both sides. */
    public static final long ALL = ZSTD | ZSTD_STREAM | REFINE | BATCH | MANIFEST_DIFF | MANIFEST_KEYS
            | SHARED_ROUNDS | SHORT_KEYS | KEY_SKETCH | BATCH_HASH_PREFIX | ROUND_SUM_WIDTH
            | HASH_PREFIXES | LINE_EDITS;
    /** What this build announces: every required feature and the optional ones it has. */
    public static final long OFFERED = ALL | RESUME | PUSH_STEP | PUSH_EDITS | SETTLED_MANIFEST
            | CACHED_BASIS;

    private Capabilities() {
    }

    /** A Refused answer when {@code announced} leaves out a feature of protocol 3, empty when it has them all. */
    static java.util.Optional<Refused> refuseIfIncomplete(String peer, long announced) {
        if ((announced & ALL) == ALL) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Refused(ErrorCodes.PROTOCOL, "the " + peer + " speaks protocol "
                + ProtocolVersion.CURRENT + " but leaves out some of its features (capabilities 0x"
                + Long.toHexString(announced) + ", protocol " + ProtocolVersion.CURRENT + " has 0x"
                + Long.toHexString(ALL) + ")"));
    }
}
