package dev.deltasync.client;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.TestThreads;
import dev.deltasync.rpc.Pending;
import dev.deltasync.rpc.RemoteException;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.deltasync.rsync.DeltaStats;
import dev.deltasync.rsync.Signature;
import dev.deltasync.sync.Action;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.IgnoreRules;
import dev.deltasync.sync.ScanCache;
import dev.deltasync.sync.Side;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.sync.Trash;
import dev.deltasync.wire.ErrorCodes;

/**
 * Refinement rounds send sums cut to ~2^-16 false matches per round; the server then refuses the result
 * ({@code VERIFICATION}) and the file must be sent again, in one round, in the same sync: never reported as an error.
 */
class TransfersRetryTest {

    private final TestThreads threads = new TestThreads();

    @org.junit.jupiter.api.AfterEach
    void stopThreads() {
        threads.close();
    }

    @TempDir
    Path root;

    @Test
    void anUploadTheServerCouldNotVerifyIsSentAgainInOneRound() throws Exception {
        Files.writeString(root.resolve("notes.txt"), "the client's new version of the notes\n");
        List<String> calls = new ArrayList<>();
        RemoteFolder server = (RemoteFolder) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteFolder.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return switch (method.getName()) {
                        case "pushRefined" -> (Pending<DeltaStats>) () -> {
                            throw new RemoteException(ErrorCodes.VERIFICATION, "notes.txt did not rebuild to its SHA-256");
                        };
                        case "signature" -> Signature.empty();
                        case "push" -> {
                            long length = ((InputStream) args[3]).readAllBytes().length;
                            FileEntry target = (FileEntry) args[0];
                            DeltaStats stats = new DeltaStats(length, length, 0, target.hash(), length);
                            yield (Pending<DeltaStats>) () -> stats;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
        try (SyncStateStore state = SyncStateStore.open(root)) {
            LocalFolder local = new LocalFolder(root, IgnoreRules.load(root), ScanCache.none(), Trash.forFolder(root), threads);
            FileEntry ours = local.scan().entries().get("notes.txt");
            FileEntry theirs = FileEntry.file("notes.txt", 20, 1L, false,
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
            Transfers transfers = new Transfers(local, server, state, "server-1", Map.of("notes.txt", ours),
                    Map.of("notes.txt", theirs), threads.rounds());
            SyncReport report = new SyncReport();

            transfers.start(new Action.Copy(Side.SERVER, ours, theirs, false), report);
            transfers.finishAll(report);
            transfers.retryAloneWhatFailedBesideOthers(report);

            assertThat(report.errors()).isEmpty();
            assertThat(calls).containsSubsequence("pushRefined", "signature", "push");
            assertThat(calls.stream().filter("pushRefined"::equals).count()).as("the retry goes in one round").isOne();
            assertThat(state.load("server-1")).containsKey("notes.txt");
        }
    }
}
