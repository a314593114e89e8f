package dev.deltasync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The last-synced state per peer and the scanner's hash cache, in {@code DIR/.deltasync/state.mv.db} (H2 MVStore).
 * Values are {@link FileEntryCodec} bytes. Auto-commit is off: changes become durable together at
 * {@link #commit()}, so a crash loses at most the current batch, which only makes the state older (safe).
 * <p>
 * A running process decodes each peer's last-synced state and known manifest once and keeps them in memory,
 * updated with every change it writes through: a live cycle then costs no decoding of the whole folder.
 */
public final class SyncStateStore implements AutoCloseable {

    private static final String PEER_PREFIX = "peer:";
    private static final String SCAN_CACHE = "scan-cache";
    private static final String MANIFEST_PREFIX = "manifest:";
    private static final String MANIFEST_VERSIONS = "manifest-versions";

    private final Path file;
    private final MVStore store;
    /** Decoded last-synced states and known manifests, by map name; dropped when uncommitted changes are. */
    private final Map<String, NavigableMap<String, FileEntry>> decoded = new ConcurrentHashMap<>();
    /** Paths of each known manifest changed since {@link KnownManifest#takeChangedPaths()}; absent = unknown. */
    private final Map<String, Set<String>> manifestChanges = new ConcurrentHashMap<>();
    private final AtomicLong entriesDecoded = new AtomicLong();

    private SyncStateStore(Path file, MVStore store) {
        this.file = file;
        this.store = store;
    }

    public static SyncStateStore open(Path root) throws IOException {
        Path file = MetadataDir.stateFile(root);
        MetadataDir.createPrivateDirectories(file.getParent());
        try {
            SyncStateStore opened = new SyncStateStore(file, new MVStore.Builder().fileName(file.toString())
                    .autoCommitDisabled().open());
            MetadataDir.makePrivate(file);
            return opened;
        } catch (MVStoreException e) {
            throw new IOException("cannot open the sync state " + file + " (" + e.getMessage() + "); move it away "
                    + "to start over: the next sync then treats both sides as new and deletes nothing", e);
        }
    }

    /**
     * Opens the state to read it while no deltasync process runs on the folder ({@code deltasync status});
     * throws when one does (it holds the file).
     */
    public static SyncStateStore openReadOnly(Path root) throws IOException {
        Path file = MetadataDir.stateFile(root);
        try {
            return new SyncStateStore(file, new MVStore.Builder().fileName(file.toString()).readOnly().open());
        } catch (MVStoreException | IllegalStateException e) {
            throw new IOException("the sync state " + file + " is in use (" + e.getMessage() + ")", e);
        }
    }

    /** The peers this folder has a last-synced state with (a client: its server). */
    public List<String> peerIds() {
        return store.getMapNames().stream().filter(name -> name.startsWith(PEER_PREFIX))
                .map(name -> name.substring(PEER_PREFIX.length())).sorted().toList();
    }

    public static boolean existsIn(Path root) {
        return Files.exists(MetadataDir.stateFile(root));
    }

    /** A copy of the last-synced state with {@code peerId}. */
    public Map<String, FileEntry> load(String peerId) {
        return new TreeMap<>(lastSynced(peerId));
    }

    /**
     * The last-synced state with {@code peerId} as it is now, read-only: it follows every later
     * {@link #record}/{@link #forget}, so a caller that needs it fixed takes {@link #load} instead.
     */
    public NavigableMap<String, FileEntry> lastSynced(String peerId) {
        return Collections.unmodifiableNavigableMap(decodedMap(PEER_PREFIX + peerId));
    }

    public void record(String peerId, FileEntry entry) {
        peerMap(peerId).put(entry.path(), FileEntryCodec.encode(entry));
        NavigableMap<String, FileEntry> held = decoded.get(PEER_PREFIX + peerId);
        if (held != null) {
            held.put(entry.path(), entry);
        }
    }

    public void forget(String peerId, String path) {
        peerMap(peerId).remove(path);
        NavigableMap<String, FileEntry> held = decoded.get(PEER_PREFIX + peerId);
        if (held != null) {
            held.remove(path);
        }
    }

    /** Entries decoded from the file so far: once per peer and manifest in a running process. */
    public long entriesDecoded() {
        return entriesDecoded.get();
    }

    /** A view for one peer, for {@link LastSyncedState#apply(Action)} after each executed action. */
    public LastSyncedState forPeer(String peerId) {
        return new LastSyncedState() {
            public void record(FileEntry agreed) { SyncStateStore.this.record(peerId, agreed); }
            public void forget(String path) { SyncStateStore.this.forget(peerId, path); }
        };
    }

    /** Whether any peer has ever been synced with this folder. */
    public boolean hasState() {
        return store.getMapNames().stream().anyMatch(name -> name.startsWith(PEER_PREFIX)
                && !peerMap(name.substring(PEER_PREFIX.length())).isEmpty());
    }

    public ScanCache scanCache() {
        MVMap<String, byte[]> cache = map(SCAN_CACHE);
        return new ScanCache() {
            public String hashIfUnchanged(String path, long size, long mtimeMillis) {
                byte[] bytes = cache.get(path);
                if (bytes == null) {
                    return null;
                }
                FileEntry seen = decode(path, bytes);
                return seen.size() == size && seen.mtimeMillis() == mtimeMillis ? seen.hash() : null;
            }

            public void remember(String path, long size, long mtimeMillis, String hash) {
                cache.put(path, FileEntryCodec.encode(FileEntry.file(path, size, mtimeMillis, false, hash)));
            }

            public void retainOnly(Set<String> paths) {
                List<String> gone = new ArrayList<>();
                for (String path : cache.keySet()) {
                    if (!paths.contains(path)) {
                        gone.add(path);
                    }
                }
                gone.forEach(cache::remove);
            }
        };
    }

    /**
     * Decodes every peer's last-synced state and last manifest now, once (a client's start, ahead of its first
     * cycle, which then finds them decoded).
     */
    public void decodeAhead() {
        for (String peerId : peerIds()) {
            decodedMap(PEER_PREFIX + peerId);
            decodedMap(MANIFEST_PREFIX + peerId);
        }
    }

    /** The last manifest received from {@code peerId}, with its version. */
    public KnownManifest knownManifest(String peerId) {
        String name = MANIFEST_PREFIX + peerId;
        MVMap<String, byte[]> entries = map(name);
        MVMap<String, byte[]> versions = map(MANIFEST_VERSIONS);
        return new KnownManifest() {
            public String version() {
                byte[] version = versions.get(peerId);
                return version == null ? "" : new String(version, java.nio.charset.StandardCharsets.UTF_8);
            }

            public NavigableMap<String, FileEntry> entries() {
                return Collections.unmodifiableNavigableMap(decodedMap(name));
            }

            public void replace(String version, java.util.Collection<FileEntry> all) {
                NavigableMap<String, FileEntry> held = decodedMap(name);
                manifestChanges.remove(name);
                entries.clear();
                held.clear();
                all.forEach(entry -> {
                    entries.put(entry.path(), FileEntryCodec.encode(entry));
                    held.put(entry.path(), entry);
                });
                versions.put(peerId, version.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }

            public void apply(String version, java.util.Collection<FileEntry> changed, java.util.Collection<String> removed) {
                NavigableMap<String, FileEntry> held = decodedMap(name);
                Set<String> noted = manifestChanges.get(name);
                removed.forEach(path -> {
                    entries.remove(path);
                    held.remove(path);
                });
                changed.forEach(entry -> {
                    entries.put(entry.path(), FileEntryCodec.encode(entry));
                    held.put(entry.path(), entry);
                });
                if (noted != null) {
                    noted.addAll(removed);
                    changed.forEach(entry -> noted.add(entry.path()));
                }
                versions.put(peerId, version.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }

            public Optional<Set<String>> takeChangedPaths() {
                Set<String> noted = manifestChanges.put(name, ConcurrentHashMap.newKeySet());
                return noted == null ? Optional.empty() : Optional.of(new HashSet<>(noted));
            }
        };
    }

    /** Makes every change since the last commit durable, atomically. */
    public void commit() {
        store.commit();
    }

    /** Forgets every change since the last commit (a dry run leaves the state as it found it). */
    public void discardUncommitted() {
        store.rollback();
        decoded.clear();
        manifestChanges.clear();
    }

    /** Drops the store without writing anything: what a crash does (for tests). */
    void abandon() {
        store.closeImmediately();
    }

    @Override
    public void close() {
        store.close();
    }

    /** The decoded copy of map {@code name}, decoding it on first use. */
    private NavigableMap<String, FileEntry> decodedMap(String name) {
        return decoded.computeIfAbsent(name, n -> {
            NavigableMap<String, FileEntry> all = new ConcurrentSkipListMap<>();
            map(n).forEach((path, bytes) -> all.put(path, decode(path, bytes)));
            entriesDecoded.addAndGet(all.size());
            return all;
        });
    }

    private MVMap<String, byte[]> peerMap(String peerId) {
        return map(PEER_PREFIX + peerId);
    }

    private MVMap<String, byte[]> map(String name) {
        return store.openMap(name, new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    private FileEntry decode(String path, byte[] bytes) {
        try {
            return FileEntryCodec.decode(path, bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }
}
