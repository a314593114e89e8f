package dev.deltasync.wire;

import dev.deltasync.rsync.BasisRange;
import dev.deltasync.rsync.SumWidth;
import dev.deltasync.rsync.BlockSize;
import dev.deltasync.sync.FileEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Turns messages into frames and back. Payload layouts are in docs/wire.md; decoding trusts nothing and fails
 * with a {@link ProtocolException} naming the message and the problem.
 */
public final class MessageCodec {

    static final byte[] MAGIC = "DS".getBytes(StandardCharsets.US_ASCII);
    private static final Role[] ROLES = Role.values();

    private MessageCodec() {
    }

    public static Frame encode(Message message, int requestId) {
        MessageType type = typeOf(message);
        if (message instanceof Data d) {
            return new Frame(type.code(), 0, requestId, d.bytes());
        }
        WireWriter out = new WireWriter();
        writeBody(message, out);
        return new Frame(type.code(), flagsOf(message), requestId, out.toByteArray());
    }

    /** Decodes a frame, inflating a compressed payload up to the default frame bound. */
    public static Message decode(Frame frame) {
        return decode(frame, WireLimits.DEFAULT_MAX_FRAME);
    }

    /** Decodes a frame, inflating a compressed payload up to {@code maxFrame}. */
    public static Message decode(Frame frame, int maxFrame) {
        MessageType type = MessageType.of(frame.type());
        byte[] payload = frame.isCompressed()
                ? FrameCompression.inflate(frame.payload(), WireLimits.maxPayload(maxFrame))
                : frame.payload();
        if (type == MessageType.DATA) {
            return new Data(payload);
        }
        WireReader in = new WireReader(payload, type.name() + " frame");
        Message message = readBody(type, frame, in);
        in.expectEnd();
        return message;
    }

    public static MessageType typeOf(Message message) {
        if (message instanceof Hello) return MessageType.HELLO;
        if (message instanceof Challenge) return MessageType.CHALLENGE;
        if (message instanceof Auth) return MessageType.AUTH;
        if (message instanceof Refused) return MessageType.REFUSED;
        if (message instanceof Busy) return MessageType.BUSY;
        if (message instanceof ManifestRequest) return MessageType.MANIFEST_REQUEST;
        if (message instanceof MoreSymbols) return MessageType.MORE_SYMBOLS;
        if (message instanceof ManifestChunk) return MessageType.MANIFEST_CHUNK;
        if (message instanceof GetFile) return MessageType.GET_FILE;
        if (message instanceof GetSignature) return MessageType.GET_SIGNATURE;
        if (message instanceof GetPartial) return MessageType.GET_PARTIAL;
        if (message instanceof GetRangeSignatures) return MessageType.GET_RANGE_SIGNATURES;
        if (message instanceof GetSharedRound) return MessageType.GET_SHARED_ROUND;
        if (message instanceof GetRanges) return MessageType.GET_RANGES;
        if (message instanceof GetLineSketch) return MessageType.GET_LINE_SKETCH;
        if (message instanceof PutLines) return MessageType.PUT_LINES;
        if (message instanceof GetLineEdits) return MessageType.GET_LINE_EDITS;
        if (message instanceof PutBatch) return MessageType.PUT_BATCH;
        if (message instanceof GetBatch) return MessageType.GET_BATCH;
        if (message instanceof PutBatchResult) return MessageType.PUT_BATCH_RESULT;
        if (message instanceof PutFile) return MessageType.PUT_FILE;
        if (message instanceof Data) return MessageType.DATA;
        if (message instanceof End) return MessageType.END;
        if (message instanceof Delete) return MessageType.DELETE;
        if (message instanceof Rename) return MessageType.RENAME;
        if (message instanceof Mkdir) return MessageType.MKDIR;
        if (message instanceof Changed) return MessageType.CHANGED;
        if (message instanceof Ack) return MessageType.ACK;
        if (message instanceof Error) return MessageType.ERROR;
        if (message instanceof Heartbeat) return MessageType.HEARTBEAT;
        throw new IllegalArgumentException("no wire type for " + message);
    }

    /** Messages that end a chunked reply or a stream carry the LAST flag. */
    private static int flagsOf(Message message) {
        boolean last = (message instanceof ManifestChunk c && c.last()) || message instanceof End
                || message instanceof Error;
        return last ? Frame.LAST : 0;
    }

    private static void writeBody(Message message, WireWriter out) {
        if (message instanceof Hello h) {
            out.writeRaw(MAGIC);
            HandshakeTerms.writeHello(h, out);
            out.writeRaw(h.nonce());
        } else if (message instanceof Challenge c) {
            HandshakeTerms.writeChallenge(c, out);
            out.writeRaw(c.serverNonce()).writeRaw(c.serverProof());
        } else if (message instanceof Auth a) {
            out.writeRaw(a.clientProof());
        } else if (message instanceof Refused r) {
            out.writeSigned(r.code()).writeString(r.reason());
        } else if (message instanceof Busy b) {
            out.writeUnsigned(b.retryAfterMs()).writeString(b.reason());
        } else if (message instanceof ManifestRequest r) {
            if (!r.since().isEmpty() || r.withKeys() || r.settled()) {
                // withKeys was a bool: a peer without SETTLED_MANIFEST never sees the settled bit
                out.writeString(r.since()).writeByte((r.withKeys() ? 1 : 0) | (r.settled() ? 2 : 0));
                if (r.keyBytes() != 8 || r.sketch() != null) {
                    out.writeUnsigned(r.keyBytes());
                }
                if (r.sketch() != null) {
                    out.writeUnsigned(r.sketch().from()).writeUnsigned(r.sketch().entries());
                }
            }
        } else if (message instanceof MoreSymbols m) {
            out.writeUnsigned(m.wanted());
        } else if (message instanceof ManifestChunk c) {
            out.writeUnsigned(c.entries().size());
            c.entries().forEach(e -> FileEntryCodec.write(e, out));
            if (!c.version().isEmpty() || c.diff() || !c.removed().isEmpty() || c.same() != null) {
                out.writeString(c.version()).writeBoolean(c.diff()).writeUnsigned(c.removed().size());
                c.removed().forEach(out::writeString);
                if (c.same() != null) {
                    out.writeBytes(c.same().toByteArray());
                    if (!c.treeDigest().isEmpty()) {
                        out.writeBytes(java.util.HexFormat.of().parseHex(c.treeDigest()));
                    }
                }
            }
        } else if (message instanceof GetFile g) {
            out.writeString(g.path()).writeHash(g.expectedHash()).writeBoolean(g.withSignature());
            if (!g.basisHash().isEmpty()) {
                out.writeHash(g.basisHash());
            }
        } else if (message instanceof GetSignature g) {
            out.writeString(g.path()).writeHash(g.expectedHash());
        } else if (message instanceof GetPartial g) {
            out.writeString(g.path());
        } else if (message instanceof GetRangeSignatures g) {
            writeRangeRequest(g, out);
        } else if (message instanceof GetSharedRound r) {
            writeSharedRound(r, out);
        } else if (message instanceof GetRanges g) {
            out.writeString(g.path()).writeHash(g.expectedHash());
            writeRanges(g.ranges(), out);
        } else if (message instanceof GetLineSketch g) {
            out.writeUnsigned(g.sketch()).writeUnsigned(g.paths().size());
            g.paths().forEach(out::writeString);
            out.writeUnsigned(g.from()).writeUnsigned(g.count());
        } else if (message instanceof PutLines p) {
            out.writeUnsigned(p.files().size());
            for (PutLines.File file : p.files()) {
                out.writeUnsigned(file.index());
                FileEntryCodec.write(file.target(), out);
                out.writeHash(file.basisHash());
            }
        } else if (message instanceof GetLineEdits g) {
            out.writeUnsigned(g.files().size());
            for (GetLineEdits.File file : g.files()) {
                out.writeUnsigned(file.index()).writeString(file.path()).writeHash(file.expectedHash());
            }
        } else if (message instanceof PutBatch b) {
            out.writeUnsigned(b.targets().size());
            b.targets().forEach(target -> FileEntryCodec.write(target, out));
        } else if (message instanceof GetBatch b) {
            out.writeUnsigned(b.files().size());
            b.files().forEach(wanted -> out.writeString(wanted.path()).writeUnsigned(wanted.size()));
        } else if (message instanceof PutBatchResult r) {
            out.writeUnsigned(r.failed().size());
            r.failed().forEach(f -> out.writeString(f.path()).writeSigned(f.code()).writeString(f.reason()));
            if (r.namesVersions()) {
                out.writeUnsigned(r.basedOn()).writeUnsigned(r.version());
            }
        } else if (message instanceof PutFile p) {
            FileEntryCodec.write(p.target(), out);
            out.writeHash(p.basisHash());
            if (!p.basisPath().isEmpty() || p.resumed()) {
                out.writeString(p.basisPath());
            }
            if (p.resumed()) {
                out.writeBoolean(true);
            }
        } else if (message instanceof End e) {
            out.writeUnsigned(e.length()).writeHash(e.sha256());
        } else if (message instanceof Delete d) {
            out.writeString(d.path()).writeHash(d.expectedHash()).writeBoolean(d.toTrash());
        } else if (message instanceof Rename r) {
            out.writeString(r.from()).writeString(r.to()).writeHash(r.expectedHash());
        } else if (message instanceof Mkdir m) {
            out.writeString(m.path()).writeUnsigned(m.mode() + 1L); // 0: unknown
        } else if (message instanceof Changed c) {
            out.writeUnsigned(c.paths().size());
            c.paths().forEach(out::writeString);
            if (c.step() != null) {
                writeStep(c.step(), out);
            }
        } else if (message instanceof Error e) {
            out.writeSigned(e.code()).writeString(e.text());
        } else if (message instanceof Heartbeat h) {
            out.writeSigned(h.sentAtMillis());
        } else if (message instanceof Ack a && a.namesVersions()) {
            out.writeUnsigned(a.basedOn()).writeUnsigned(a.version());
        }
    }

    private static Message readBody(MessageType type, Frame frame, WireReader in) {
        return switch (type) {
            case HELLO -> readHello(in);
            case CHALLENGE -> readChallenge(in);
            case AUTH -> new Auth(in.readRaw(Authenticator.PROOF_BYTES, "clientProof"));
            case REFUSED -> new Refused(in.readSignedInt("code"), in.readString("reason"));
            case BUSY -> new Busy(in.readNonNegative("retryAfterMs"), in.readString("reason"));
            case MANIFEST_REQUEST -> readManifestRequest(in);
            case MANIFEST_CHUNK -> readManifestChunk(frame, in);
            case MORE_SYMBOLS -> new MoreSymbols(in.readNonNegative("wanted"));
            case GET_FILE -> new GetFile(in.readString("path"), in.readHash("expectedHash"), in.readBoolean(),
                    in.remaining() == 0 ? "" : in.readHash("basisHash"));
            case GET_SIGNATURE -> new GetSignature(in.readString("path"), in.readHash("expectedHash"));
            case GET_PARTIAL -> new GetPartial(in.readString("path"));
            case GET_RANGE_SIGNATURES -> readRangeRequest(in);
            case GET_SHARED_ROUND -> readSharedRound(in);
            case GET_RANGES -> new GetRanges(in.readString("path"), in.readHash("expectedHash"), readRanges(in));
            case PUT_BATCH -> new PutBatch(readBatchEntries(in));
            case GET_LINE_SKETCH -> readLineSketch(in);
            case PUT_LINES -> readPutLines(in);
            case GET_LINE_EDITS -> readGetLineEdits(in);
            case GET_BATCH -> readGetBatch(in);
            case PUT_BATCH_RESULT -> readPutBatchResult(in);
            case PUT_FILE -> new PutFile(FileEntryCodec.read(in), in.readHash("basisHash"),
                    in.remaining() == 0 ? "" : in.readString("basisPath"), in.remaining() != 0 && in.readBoolean());
            case DATA -> new Data(in.readRest());
            case END -> new End(in.readNonNegative("length"), in.readHash("sha256"));
            case DELETE -> new Delete(in.readString("path"), in.readHash("expectedHash"), in.readBoolean());
            case RENAME -> new Rename(in.readString("from"), in.readString("to"), in.readHash("expectedHash"));
            case MKDIR -> readMkdir(in);
            case CHANGED -> readChanged(in);
            case ACK -> in.remaining() == 0 ? new Ack() : readAck(in);
            case ERROR -> new Error(in.readSignedInt("code"), in.readString("text"));
            case HEARTBEAT -> new Heartbeat(in.readSigned());
        };
    }

    private static Hello readHello(WireReader in) {
        byte[] magic = in.readRaw(MAGIC.length, "magic");
        if (!Arrays.equals(magic, MAGIC)) {
            throw in.fail("not a deltasync peer: magic is not DS");
        }
        int version = in.readSignedInt("version");
        if (version != ProtocolVersion.CURRENT) {
            in.skipRest(); // another version may lay out the rest differently: the version alone is refused
            return new Hello(version, Role.CLIENT, 0, "", new byte[0]);
        }
        int role = in.readByte();
        if (role >= ROLES.length) {
            throw in.fail("unknown role " + role);
        }
        long capabilities = in.readUnsigned();
        String peerId = PeerIdCodec.read(in, "peerId");
        return new Hello(version, ROLES[role], capabilities, peerId, in.readRaw(Authenticator.NONCE_BYTES, "nonce"));
    }

    private static Challenge readChallenge(WireReader in) {
        int version = in.readSignedInt("version");
        if (version != ProtocolVersion.CURRENT) {
            in.skipRest();
            return new Challenge(version, 0, "", 0, 0, new byte[0], new byte[0]);
        }
        int mode = in.readSignedInt("mode");
        long capabilities = in.readUnsigned();
        int maxFrame = in.readSignedInt("maxFrame");
        String serverId = PeerIdCodec.read(in, "serverId");
        return new Challenge(version, mode, serverId, capabilities, maxFrame,
                in.readRaw(Authenticator.NONCE_BYTES, "serverNonce"), in.readRaw(Authenticator.PROOF_BYTES, "serverProof"));
    }

    private static ManifestRequest readManifestRequest(WireReader in) {
        if (in.remaining() == 0) {
            return new ManifestRequest();
        }
        String since = in.readString("since");
        int flags = in.remaining() > 0 ? in.readByte() : 0;
        if (flags > 3) {
            throw in.fail("manifest request flags " + flags + ": 0..3 expected");
        }
        boolean withKeys = (flags & 1) != 0;
        long keyBytes = in.remaining() > 0 ? in.readNonNegative("keyBytes") : 8;
        if (keyBytes < 1 || keyBytes > 8) {
            throw in.fail("keys of " + keyBytes + " bytes: 1..8 expected");
        }
        ManifestRequest.Sketch sketch = null;
        if (in.remaining() > 0) {
            if (!withKeys) {
                throw in.fail("a key sketch without keys");
            }
            sketch = new ManifestRequest.Sketch(in.readNonNegative("sketch from"),
                    (int) Math.min(Integer.MAX_VALUE, in.readNonNegative("sketch entries")));
        }
        return new ManifestRequest(since, withKeys, (int) keyBytes, sketch, (flags & 2) != 0);
    }

    private static ManifestChunk readManifestChunk(Frame frame, WireReader in) {
        int count = in.readCount("entry");
        List<FileEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(FileEntryCodec.read(in));
        }
        if (in.remaining() == 0) {
            return new ManifestChunk(entries, frame.isLast());
        }
        String version = in.readString("version");
        boolean diff = in.readBoolean();
        int gone = in.readCount("removed path");
        List<String> removed = new ArrayList<>(gone);
        for (int i = 0; i < gone; i++) {
            removed.add(in.readString("removed path"));
        }
        BitSet same = in.remaining() == 0 ? null : BitSet.valueOf(in.readBytes("same"));
        String treeDigest = same == null || in.remaining() == 0 ? ""
                : java.util.HexFormat.of().formatHex(in.readBytes("treeDigest"));
        return new ManifestChunk(entries, removed, version, diff, same, treeDigest, frame.isLast());
    }

    /** Ranges as (start relative to the previous range's end, zigzag) and length: a few bytes each. */
    private static void writeRangeRequest(GetRangeSignatures g, WireWriter out) {
        out.writeString(g.path()).writeHash(g.expectedHash()).writeUnsigned(g.blockLength()).writeSigned(g.seed());
        writeRanges(g.ranges(), out);
        if (g.width() != null) {
            out.writeUnsigned(g.width().bits());
        }
    }

    private static void writeSharedRound(GetSharedRound r, WireWriter out) {
        out.writeSigned(r.seed()).writeUnsigned(r.parts().size());
        for (GetSharedRound.Part part : r.parts()) {
            out.writeString(part.path()).writeHash(part.expectedHash()).writeUnsigned(part.blockLength());
            writeRanges(part.ranges(), out);
        }
        if (r.parts().stream().anyMatch(part -> part.width() != null)) {
            r.parts().forEach(part -> out.writeUnsigned(part.width() == null ? 0 : part.width().bits()));
        }
    }

    private static GetSharedRound readSharedRound(WireReader in) {
        long seed = in.readSigned();
        int count = in.readCount("part");
        if (count == 0 || count > GetSharedRound.MAX_PARTS) {
            throw in.fail("a shared round has 1.." + GetSharedRound.MAX_PARTS + " parts, not " + count);
        }
        List<GetSharedRound.Part> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String path = in.readString("path");
            String expectedHash = in.readHash("expectedHash");
            parts.add(new GetSharedRound.Part(path, expectedHash, readBlockLength(in), readRanges(in)));
        }
        if (in.remaining() > 0) {
            for (int i = 0; i < count; i++) {
                GetSharedRound.Part part = parts.get(i);
                parts.set(i, new GetSharedRound.Part(part.path(), part.expectedHash(), part.blockLength(), part.ranges(),
                        readSumWidth(in)));
            }
        }
        return new GetSharedRound(seed, parts);
    }

    private static int readBlockLength(WireReader in) {
        long blockLength = in.readNonNegative("blockLength");
        if (blockLength < BlockSize.MIN_OVERRIDE || blockLength > BlockSize.MAX_OVERRIDE) {
            throw in.fail("block length " + blockLength + " is outside " + BlockSize.MIN_OVERRIDE + ".."
                    + BlockSize.MAX_OVERRIDE);
        }
        return (int) blockLength;
    }

    private static void writeRanges(List<BasisRange> ranges, WireWriter out) {
        out.writeUnsigned(ranges.size());
        long previousEnd = 0;
        for (BasisRange range : ranges) {
            out.writeSigned(range.offset() - previousEnd).writeUnsigned(range.length());
            previousEnd = range.end();
        }
    }

    private static GetRangeSignatures readRangeRequest(WireReader in) {
        String path = in.readString("path");
        String expectedHash = in.readHash("expectedHash");
        int blockLength = readBlockLength(in);
        long seed = in.readSigned();
        List<BasisRange> ranges = readRanges(in);
        return new GetRangeSignatures(path, expectedHash, blockLength, seed, ranges,
                in.remaining() == 0 ? null : readSumWidth(in));
    }

    /** A round's sum width by its total bits (ROUND_SUM_WIDTH); 0 = whole sums. */
    private static SumWidth readSumWidth(WireReader in) {
        long bits = in.readNonNegative("sum bits");
        if (bits != 0 && (bits < SumWidth.MIN_BITS || bits > SumWidth.MAX_BITS)) {
            throw in.fail("a round's sums have " + SumWidth.MIN_BITS + ".." + SumWidth.MAX_BITS
                    + " bits per block, not " + bits);
        }
        return bits == 0 ? null : SumWidth.ofBits((int) bits);
    }

    private static List<BasisRange> readRanges(WireReader in) {
        int count = in.readCount("range");
        List<BasisRange> ranges = new ArrayList<>(count);
        long previousEnd = 0;
        for (int i = 0; i < count; i++) {
            long offset = previousEnd + in.readSigned();
            long length = in.readNonNegative("range length");
            if (offset < 0 || offset > Long.MAX_VALUE - length) {
                throw in.fail("range " + i + " starts at an impossible offset " + offset);
            }
            ranges.add(new BasisRange(offset, length));
            previousEnd = offset + length;
        }
        return ranges;
    }

    private static GetLineSketch readLineSketch(WireReader in) {
        long sketch = in.readNonNegative("sketch");
        int count = in.readCount("file");
        if (sketch > Integer.MAX_VALUE || count > GetLineSketch.MAX_FILES) {
            throw in.fail("a line sketch numbered " + sketch + " of " + count + " files (at most "
                    + GetLineSketch.MAX_FILES + ")");
        }
        List<String> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            paths.add(in.readString("path"));
        }
        long from = in.readNonNegative("from");
        long symbols = in.readNonNegative("count");
        if (symbols < 1 || symbols > GetLineSketch.MAX_COUNT || from > GetLineSketch.MAX_SYMBOLS - symbols
                || (from == 0) == paths.isEmpty()) {
            throw in.fail("symbols " + from + " + " + symbols + " of a line sketch of " + count + " files: the first "
                    + "request names the files and starts at 0, at most " + GetLineSketch.MAX_COUNT + " at a time, "
                    + GetLineSketch.MAX_SYMBOLS + " in all");
        }
        return new GetLineSketch((int) sketch, paths, from, (int) symbols);
    }

    private static PutLines readPutLines(WireReader in) {
        int count = in.readCount("file");
        if (count == 0 || count > GetLineSketch.MAX_FILES) {
            throw in.fail("line edits of 1.." + GetLineSketch.MAX_FILES + " files, not " + count);
        }
        List<PutLines.File> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long index = in.readNonNegative("file index");
            FileEntry target = FileEntryCodec.read(in);
            if (index >= GetLineSketch.MAX_FILES || !target.isFile() || target.size() > PutLines.MAX_FILE
                    || target.hash().isEmpty()) {
                throw in.fail("line edit of '" + target.path() + "' (file " + index + "): a file of at most "
                        + PutLines.MAX_FILE + " bytes with a hash and an index below " + GetLineSketch.MAX_FILES
                        + " expected");
            }
            files.add(new PutLines.File((int) index, target, in.readHash("basisHash")));
        }
        return new PutLines(files);
    }

    private static GetLineEdits readGetLineEdits(WireReader in) {
        int count = in.readCount("file");
        if (count == 0 || count > GetLineSketch.MAX_FILES) {
            throw in.fail("line edits of 1.." + GetLineSketch.MAX_FILES + " files, not " + count);
        }
        List<GetLineEdits.File> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long index = in.readNonNegative("file index");
            if (index >= GetLineSketch.MAX_FILES) {
                throw in.fail("line edits of file " + index + ": a sketch has at most " + GetLineSketch.MAX_FILES);
            }
            files.add(new GetLineEdits.File((int) index, in.readString("path"), in.readHash("expectedHash")));
        }
        return new GetLineEdits(files);
    }

    private static GetBatch readGetBatch(WireReader in) {
        int count = in.readCount("batch file");
        List<GetBatch.Wanted> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String path = in.readString("path");
            long size = in.readNonNegative("size of '" + path + "'");
            if (size > PutBatch.MAX_FILE) {
                throw in.fail("batch file '" + path + "' has " + size + " bytes, more than " + PutBatch.MAX_FILE);
            }
            files.add(new GetBatch.Wanted(path, size));
        }
        return new GetBatch(files);
    }

    private static List<FileEntry> readBatchEntries(WireReader in) {
        int count = in.readCount("batch entry");
        List<FileEntry> targets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            FileEntry target = FileEntryCodec.read(in);
            if (!target.isFile() || target.size() > PutBatch.MAX_FILE || target.hash().isEmpty()) {
                throw in.fail("batch entry '" + target.path() + "' is not a file of at most " + PutBatch.MAX_FILE
                        + " bytes with a hash");
            }
            targets.add(target);
        }
        return targets;
    }

    private static PutBatchResult readPutBatchResult(WireReader in) {
        int count = in.readCount("failed file");
        List<PutBatchResult.Failed> failed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            failed.add(new PutBatchResult.Failed(in.readString("path"), in.readSignedInt("code"), in.readString("reason")));
        }
        if (in.remaining() == 0) {
            return new PutBatchResult(failed);
        }
        return new PutBatchResult(failed, in.readNonNegative("basedOn"), readVersion(in));
    }

    private static Ack readAck(WireReader in) {
        return new Ack(in.readNonNegative("basedOn"), readVersion(in));
    }

    private static long readVersion(WireReader in) {
        long version = in.readNonNegative("version");
        if (version == 0) {
            throw in.fail("a named manifest version is at least 1");
        }
        return version;
    }

    private static Changed readChanged(WireReader in) {
        int count = in.readCount("path");
        List<String> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            paths.add(in.readString("path"));
        }
        return new Changed(paths, in.remaining() == 0 ? null : readStep(in));
    }

    /**
     * s basedOn, s version, v count + FileEntry × count, v count + s × count removed, v count + (v entry index,
     * b bytes) contents, and only when there are any: v count + (v entry index, h base hash prefix, b line edit).
     */
    private static void writeStep(PushedStep step, WireWriter out) {
        out.writeString(step.basedOn()).writeString(step.version());
        out.writeUnsigned(step.changed().size());
        step.changed().forEach(e -> FileEntryCodec.write(e, out));
        out.writeUnsigned(step.removed().size());
        step.removed().forEach(out::writeString);
        out.writeUnsigned(step.contents().size());
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < step.changed().size(); i++) {
            index.put(step.changed().get(i).path(), i);
        }
        for (PushedStep.Content content : step.contents()) {
            Integer at = index.get(content.path());
            if (at == null) {
                throw new IllegalArgumentException("pushed content of " + content.path() + ", which the step does not change");
            }
            out.writeUnsigned(at).writeBytes(content.bytes());
        }
        if (step.edits().isEmpty()) {
            return; // a client without PUSH_EDITS gets the step as it has always been
        }
        out.writeUnsigned(step.edits().size());
        for (PushedStep.Edit edit : step.edits()) {
            Integer at = index.get(edit.path());
            if (at == null) {
                throw new IllegalArgumentException("pushed edit of " + edit.path() + ", which the step does not change");
            }
            out.writeUnsigned(at).writeHash(edit.baseHash()).writeBytes(edit.lines());
        }
    }

    private static PushedStep readStep(WireReader in) {
        String basedOn = in.readString("basedOn");
        String version = in.readString("version");
        int count = in.readCount("entry");
        List<FileEntry> changed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changed.add(FileEntryCodec.read(in));
        }
        int gone = in.readCount("removed path");
        List<String> removed = new ArrayList<>(gone);
        for (int i = 0; i < gone; i++) {
            removed.add(in.readString("removed path"));
        }
        int files = in.readCount("content");
        List<PushedStep.Content> contents = new ArrayList<>(files);
        for (int i = 0; i < files; i++) {
            long at = in.readNonNegative("content's entry");
            if (at >= changed.size()) {
                throw in.fail("pushed content for entry " + at + " of " + changed.size());
            }
            contents.add(new PushedStep.Content(changed.get((int) at).path(), in.readBytes("content")));
        }
        if (in.remaining() == 0) {
            return new PushedStep(basedOn, version, changed, removed, contents);
        }
        int edited = in.readCount("pushed edit");
        List<PushedStep.Edit> edits = new ArrayList<>(Math.min(edited, changed.size()));
        for (int i = 0; i < edited; i++) {
            long at = in.readNonNegative("edit's entry");
            if (at >= changed.size()) {
                throw in.fail("pushed edit for entry " + at + " of " + changed.size());
            }
            String baseHash = in.readHash("edit's base hash");
            if (baseHash.length() != FileEntry.HASH_PREFIX_HEX) {
                throw in.fail("a pushed edit names its base by the first " + FileEntry.HASH_PREFIX_BYTES
                        + " bytes of its hash, not " + baseHash.length() / 2);
            }
            edits.add(new PushedStep.Edit(changed.get((int) at).path(), baseHash, in.readBytes("line edit")));
        }
        return new PushedStep(basedOn, version, changed, removed, contents, edits);
    }

    private static Mkdir readMkdir(WireReader in) {
        String path = in.readString("path");
        long mode = in.readUnsigned() - 1;
        if (mode < FileEntry.UNKNOWN_MODE || mode > FileEntry.PERMISSION_BITS) {
            throw in.fail("directory '" + path + "' has mode " + Long.toOctalString(mode) + ", beyond rwxrwxrwx");
        }
        return new Mkdir(path, (int) mode);
    }
}
