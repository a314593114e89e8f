package dev.deltasync.server;

import dev.deltasync.wire.GetLineSketch;
import dev.deltasync.wire.PutLines;
import java.util.List;

import dev.deltasync.wire.Delete;
import dev.deltasync.wire.GetBatch;
import dev.deltasync.wire.GetFile;
import dev.deltasync.wire.GetRangeSignatures;
import dev.deltasync.wire.GetRanges;
import dev.deltasync.wire.GetSharedRound;
import dev.deltasync.wire.GetSignature;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.Mkdir;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.PutFile;
import dev.deltasync.wire.Rename;

/** The folder paths a request names, so each can be checked before anything touches the disk. */
final class PathsOf {

    private PathsOf() {
    }

    static List<String> message(Message message) {
        if (message instanceof GetFile m) {
            return List.of(m.path());
        } else if (message instanceof GetSignature m) {
            return List.of(m.path());
        } else if (message instanceof dev.deltasync.wire.GetPartial m) {
            return List.of(m.path());
        } else if (message instanceof GetRangeSignatures m) {
            return List.of(m.path());
        } else if (message instanceof GetSharedRound m) {
            return m.parts().stream().map(GetSharedRound.Part::path).toList();
        } else if (message instanceof GetRanges m) {
            return List.of(m.path());
        } else if (message instanceof PutFile m) {
            return m.basisPath().isEmpty() ? List.of(m.target().path()) : List.of(m.target().path(), m.basisPath());
        } else if (message instanceof GetLineSketch m) {
            return m.paths();
        } else if (message instanceof dev.deltasync.wire.GetLineEdits m) {
            return m.files().stream().map(dev.deltasync.wire.GetLineEdits.File::path).toList();
        } else if (message instanceof PutLines m) {
            return m.files().stream().map(file -> file.target().path()).toList();
        } else if (message instanceof PutBatch m) {
            return m.targets().stream().map(FileEntry::path).toList();
        } else if (message instanceof GetBatch m) {
            return m.files().stream().map(GetBatch.Wanted::path).toList();
        } else if (message instanceof Delete m) {
            return List.of(m.path());
        } else if (message instanceof Rename m) {
            return List.of(m.from(), m.to());
        } else if (message instanceof Mkdir m) {
            return List.of(m.path());
        }
        return List.of();
    }
}
