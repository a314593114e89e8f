package dev.deltasync.client;

import java.util.List;
import java.util.Optional;

import dev.deltasync.folder.LocalFolder;
import dev.deltasync.folder.SignatureCache;
import dev.deltasync.rsync.Signature;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.ScanResult;
import dev.deltasync.sync.SyncStateStore;

/**
 * Chooses what a client reads ahead of its first cycle for the uploads it will likely make ({@link
 * dev.deltasync.folder.PreparedUploads}): the big files whose scan differs from the version last synced with the
 * server, when the signature cache holds that version's signature (the first round of their upload then needs no
 * request, so their read is all the client does before it sends).
 */
public final class UploadsAhead {

    /** At most this many files, and this many of their bytes, are read ahead (their signatures are held meanwhile). */
    static final int MAX_FILES = 32;
    static final long MAX_BYTES = 256L << 20;

    private UploadsAhead() {
    }

    /** Offers the files of {@code scan} worth reading ahead to the folder's prepared uploads; how many were. */
    public static int offer(LocalFolder local, SyncStateStore state, ScanResult scan) {
        List<FileEntry> big = scan.entries().values().stream()
                .filter(entry -> entry.isFile() && entry.size() >= SignatureCache.MIN_SIZE).toList();
        if (big.isEmpty()) {
            return 0; // no state loaded for a folder of small files
        }
        List<String> servers = state.peerIds();
        int offered = 0;
        long bytes = 0;
        for (FileEntry here : big) {
            if (offered >= MAX_FILES || bytes + here.size() > MAX_BYTES) {
                break;
            }
            Optional<Signature> known = agreedSignature(local, state, servers, here);
            if (known.isPresent()) {
                local.preparedUploads().offer(here, known.get());
                offered++;
                bytes += here.size();
            }
        }
        return offered;
    }

    private static Optional<Signature> agreedSignature(LocalFolder local, SyncStateStore state, List<String> servers,
                                                       FileEntry here) {
        for (String server : servers) {
            FileEntry agreed = state.lastSynced(server).get(here.path());
            if (agreed != null && agreed.isFile() && !agreed.hash().equals(here.hash())) {
                Optional<Signature> known = local.signatureCache().find(agreed.hash(), agreed.size());
                if (known.isPresent()) {
                    return known;
                }
            }
        }
        return Optional.empty();
    }
}
