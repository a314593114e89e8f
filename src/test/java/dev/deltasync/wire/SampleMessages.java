package dev.deltasync.wire;

import dev.deltasync.sync.FileEntry;

import java.util.List;

/** At least one instance of every message type, with awkward values (unicode, long paths, empty lists). */
final class SampleMessages {

    static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String UNICODE_PATH = "Ünïcödé/日本語/emoji-😀/naïve café.txt";
    static final String LONG_PATH = "deep/".repeat(800) + "file.bin";

    private SampleMessages() {
    }

    static List<FileEntry> entries() {
        return List.of(
                FileEntry.file("a.txt", 5, 1_700_000_000_123L, false, HASH),
                FileEntry.file("bin/run.sh", 0, -5_000L, true, HASH),
                FileEntry.file(UNICODE_PATH, Long.MAX_VALUE, Long.MIN_VALUE, false, ""),
                FileEntry.dir("docs", 1_700_000_000_000L),
                FileEntry.symlink("link", "../outside/target", HASH),
                FileEntry.file(LONG_PATH, 123_456_789_012L, 0, false, HASH));
    }

    static List<Message> all() {
        byte[] nonce = new byte[Authenticator.NONCE_BYTES];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) (i * 7);
        }
        return List.of(
                new Hello(ProtocolVersion.CURRENT, Role.CLIENT, Capabilities.ZSTD, "laptop-ü", nonce),
                new Hello(ProtocolVersion.CURRENT, Role.SERVER, -1L, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", nonce),
                new Hello(-3, Role.CLIENT, 0, "", new byte[0]), // another version: only the version is read
                new Challenge(ProtocolVersion.CURRENT, 3, "server-1", Capabilities.ZSTD, WireLimits.DEFAULT_MAX_FRAME,
                        nonce, nonce),
                new Challenge(ProtocolVersion.CURRENT, 0, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", Long.MAX_VALUE,
                        Integer.MAX_VALUE, nonce, nonce),
                new Challenge(9, 0, "", 0, 0, new byte[0], new byte[0]),
                new Auth(nonce),
                new Refused(ErrorCodes.VERSION, "protocol version mismatch"),
                new Busy(1_250, "32 connections from this address are waiting for authentication already"),
                new ManifestRequest(),
                new ManifestRequest("0123456789abcdef:42"),
                new ManifestRequest("", true),
                new ManifestChunk(entries(), List.of(), "0123456789abcdef:44", false, java.util.BitSet.valueOf(new long[] {0b1011L, 7L}), true),
                new ManifestChunk(entries(), List.of(), "0123456789abcdef:45", false, java.util.BitSet.valueOf(new long[] {5L}),
                        "00112233445566778899aabbccddeeff", true),
                new ManifestRequest("", true, 4),
                new ManifestRequest("", true, 4, new ManifestRequest.Sketch(0, 2041)),
                new ManifestRequest("", true, 8, new ManifestRequest.Sketch(1L << 40, 0)),
                new ManifestRequest().settledFirst(),
                new ManifestRequest("0123456789abcdef:42").settledFirst(),
                new ManifestRequest("", true, 4, new ManifestRequest.Sketch(0, 2041)).settledFirst(),
                new MoreSymbols(0),
                new MoreSymbols(412),
                new ManifestChunk(entries(), List.of("gone/one.txt", UNICODE_PATH), "0123456789abcdef:43", true, false),
                new ManifestChunk(List.of(), List.of(), "0123456789abcdef:1", false, true),
                new ManifestChunk(entries(), false),
                new ManifestChunk(List.of(), true),
                new GetFile(UNICODE_PATH, HASH, true),
                new GetFile(LONG_PATH, "", false),
                new GetSignature("a.txt", HASH),
                new GetRanges("big.bin", HASH, java.util.List.of(new dev.deltasync.rsync.BasisRange(7, 9),
                        new dev.deltasync.rsync.BasisRange(0, 3))),
                new PutBatch(PutBatch.withHashPrefixes(java.util.List.of(FileEntry.file("a/b.txt", 42, 1L, false, HASH),
                        FileEntry.file(UNICODE_PATH, 0, -5L, true, HASH)))),
                new PutBatch(java.util.List.of(FileEntry.file(UNICODE_PATH, 42, 1L, true, HASH),
                        FileEntry.file("b/c.txt", 0, -5L, false, HASH))),
                new PutBatch(java.util.List.of()),
                new GetLineSketch(3, java.util.List.of("a/b.txt", UNICODE_PATH), 0, 616),
                new GetLineSketch(3, java.util.List.of(), 616, 200),
                new GetLineEdits(java.util.List.of(new GetLineEdits.File(0, "a/b.txt", FileEntry.hashPrefix(HASH)),
                        new GetLineEdits.File(200, UNICODE_PATH, HASH))),
                new PutLines(java.util.List.of(new PutLines.File(0, FileEntry.file("a/b.txt", 42, 1L, false, HASH)
                        .withHashPrefix(), FileEntry.hashPrefix(HASH)), new PutLines.File(255,
                        FileEntry.file(UNICODE_PATH, 7, 2L, true, HASH), HASH))),
                new GetBatch(java.util.List.of(new GetBatch.Wanted(UNICODE_PATH, 0), new GetBatch.Wanted("a/b.txt", 65536))),
                new PutBatchResult(java.util.List.of(new PutBatchResult.Failed("b/c.txt", ErrorCodes.DISK_FULL, "disk full"))),
                new PutBatchResult(java.util.List.of()),
                new GetRangeSignatures("big.bin", HASH, 4096, -7L,
                        java.util.List.of(new dev.deltasync.rsync.BasisRange(1 << 20, 8192),
                                new dev.deltasync.rsync.BasisRange(100, 0), new dev.deltasync.rsync.BasisRange(5L << 32, 1))),
                new GetRangeSignatures("cut.bin", HASH.substring(0, 16), 2048, 11L,
                        java.util.List.of(new dev.deltasync.rsync.BasisRange(0, 1 << 20)),
                        dev.deltasync.rsync.SumWidth.ofBits(44)),
                new GetSharedRound(Long.MIN_VALUE, java.util.List.of(
                        new GetSharedRound.Part(UNICODE_PATH, HASH, 32, java.util.List.of(new dev.deltasync.rsync.BasisRange(0, 4096))),
                        new GetSharedRound.Part("b.txt", "", 1 << 20, java.util.List.of()))),
                new GetSharedRound(3L, java.util.List.of(
                        new GetSharedRound.Part("c.txt", HASH, 128, java.util.List.of(new dev.deltasync.rsync.BasisRange(0, 512)),
                                dev.deltasync.rsync.SumWidth.ofBits(27)),
                        new GetSharedRound.Part("d.txt", "", 32, java.util.List.of(new dev.deltasync.rsync.BasisRange(64, 96))))),
                new PutFile(FileEntry.file(UNICODE_PATH, 42, 1L, true, HASH), ""),
                new PutFile(FileEntry.symlink("l", "target", HASH), HASH),
                new PutFile(FileEntry.file("resumed.iso", 1 << 30, 3L, false, HASH), HASH, "", true),
                new PutFile(FileEntry.file("resumed-new.iso", 1 << 30, 3L, false, HASH), "", "", true),
                new GetPartial(UNICODE_PATH),
                new PutFile(FileEntry.file("named-by-prefixes.txt", 9, 2L, false, HASH.substring(0, 16)),
                        HASH.substring(0, 16)),
                new Data(new byte[]{0, -1, 127, -128}),
                new Data(new byte[0]),
                new End(Long.MAX_VALUE, HASH),
                new End(0, ""),
                new Delete(UNICODE_PATH, HASH, true),
                new Rename("old name.txt", UNICODE_PATH, HASH),
                new Mkdir(LONG_PATH),
                new Changed(List.of("a.txt", UNICODE_PATH, LONG_PATH)),
                new Changed(List.of()),
                new Changed(List.of("a.txt"), new PushedStep("0123456789abcdef:7", "0123456789abcdef:9", entries(),
                        List.of("gone/one.txt", UNICODE_PATH), List.of(new PushedStep.Content(entries().get(0).path(),
                        "bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8))))),
                new Changed(List.of(), new PushedStep("p:1", "p:2", List.of(), List.of("x"), List.of())),
                new Changed(List.of("a.txt"), new PushedStep("p:2", "p:3", entries(), List.of(), List.of(),
                        List.of(new PushedStep.Edit(entries().get(0).path(), "0123456789abcdef", new byte[] {1, 2, 3})))),
                new Ack(),
                new Error(ErrorCodes.CHANGED_SINCE_SCAN, "a.txt changed since it was scanned"),
                new Error(Integer.MIN_VALUE, ""),
                new Heartbeat(1_700_000_000_000L));
    }
}
