package dev.deltasync.wire;

/** Everything that can be said on a deltasync connection; {@link MessageCodec} turns each into a {@link Frame}. */
public sealed interface Message permits Hello, Challenge, Auth, Refused, Busy, ManifestRequest, ManifestChunk, MoreSymbols,
        GetFile, GetSignature, GetPartial, GetRangeSignatures, GetSharedRound, GetRanges, GetLineSketch, PutLines, GetLineEdits, PutBatch, PutBatchResult, GetBatch, PutFile, Data, End, Delete, Rename, Mkdir, Changed, Ack, Error, Heartbeat {
}
