package dev.deltasync.folder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SignatureBuilder;
import dev.deltasync.rsync.SignatureFormat;
import dev.deltasync.rsync.SignatureTap;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.MetadataDir;

/**
 * Signatures of the versions of big files both sides last agreed on, kept by the client in
 * {@code .deltasync/signatures/<sha256>}: the next upload of such a file is matched against it without asking
 * the server for a first round (no request, no signature on the wire), then refined as usual. Blocks of
 * {@value #BLOCK} bytes (more above 256 MiB, see {@link #blockFor}) make that first delta fine already: an edit
 * costs about a block of literal bytes, so a link whose round trip is worth more than further rounds (where the
 * expected-time rule asks for none) still moves about what the rounds would have left. The price is on the
 * client's disk only, a signature of 4–5 % of its file (10–11 bytes per block). A
 * cached signature is found by the SHA-256 of the version it describes and carries that SHA-256 itself, so a
 * lost, damaged or stale entry costs bytes (the first round is asked for again, or the server's check of the
 * result sends the file once more), never a wrong file. Signatures are written in the background after a sync,
 * atomically, and pruned to the versions in the sync state.
 */
public final class SignatureCache {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureCache.class);

    /** Files smaller than this are refined cheaply enough without a cache (their rounds share requests). */
    public static final long MIN_SIZE = 1 << 20;
    static final int BLOCK = 256;
    /** At most this many blocks per signature (so ~14 MB in memory): bigger files get bigger blocks. */
    static final long MAX_BLOCKS = 1L << 20;
    private static final String PART = ".part";
    /** The sums the taps of uploads under way may hold together; an upload past it reads its file again later. */
    static final long TAPS_MAX_BYTES = 32L << 20;

    private final Path dir;
    /** Writes signatures after a sync, one at a time ({@link SyncThreads#signatureWriter}). */
    private final SyncThreads threads;
    private final java.util.concurrent.atomic.AtomicLong tapped = new java.util.concurrent.atomic.AtomicLong();
    /** The taps given out and not yet given back: each gives its share back once, whichever path ends its upload. */
    private final Set<SignatureTap> tapsOut = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * A server's bound on the bytes of its signatures (0: none, a client's cache is pruned to its sync state); past
     * it the least recently used go first.
     */
    private volatile long maxBytes;
    /** The bytes of the signatures stored, once counted ({@code -1} before), when bounded. */
    private long storedBytes = -1;

    SignatureCache(Path root, SyncThreads threads) {
        this.dir = MetadataDir.signatureDir(root);
        this.threads = threads;
    }

    /** The cached signature of the version with this SHA-256 and length, if there is one and it reads back whole. */
    public Optional<Signature> find(String sha256Hex, long length) {
        if (length < MIN_SIZE) {
            return Optional.empty();
        }
        return read(sha256Hex, signature -> signature.basisLength() == length);
    }

    /**
     * A server's cached signature of the version with this SHA-256, whatever its length (the asker's word for
     * the version is not trusted beyond naming it: what is used is our own signature, stamped with its hash). A hit
     * counts as a use for the least-recently-used bound.
     */
    public Optional<Signature> find(String sha256Hex) {
        Optional<Signature> found = read(sha256Hex, signature -> signature.basisLength() >= MIN_SIZE);
        if (found.isPresent()) {
            try {
                Files.setLastModifiedTime(dir.resolve(sha256Hex),
                        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException e) {
                LOG.debug("Cached signature {} could not be marked as used ({})", sha256Hex, e.toString());
            }
        }
        return found;
    }

    /** The signature stored under this SHA-256 if it reads back whole, is stamped with it and {@code fits}. */
    private Optional<Signature> read(String sha256Hex, java.util.function.Predicate<Signature> fits) {
        if (!sha256Hex.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Path file = dir.resolve(sha256Hex);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Signature signature = SignatureFormat.read(in);
            if (signature.basisSha256Hex().equals(sha256Hex) && fits.test(signature)) {
                return Optional.of(signature);
            }
            LOG.debug("Cached signature {} describes another version; ignored", sha256Hex);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cached signature {} is unreadable ({}); ignored", sha256Hex, e.toString());
        }
        return Optional.empty();
    }

    /**
     * Keeps the signature of every version of a big file this folder reads whole or writes (a server: its clients
     * hold older versions), at most {@code maxBytes} of them, the least recently used removed first.
     */
    public void boundTo(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Whether this cache keeps every version's signature, bounded ({@link #boundTo}). */
    public boolean keepsEveryVersion() {
        return maxBytes > 0;
    }

    /**
     * A tap for a read or write of {@code size} bytes of a version not known yet (a scan's hash read, a patch's
     * output); null below {@link #MIN_SIZE}, when this cache does not keep every version, or while the taps under
     * way hold {@link #TAPS_MAX_BYTES}. Every tap given out goes back through {@link #rememberTapped} or {@link #drop}.
     */
    public SignatureTap tapFor(long size) {
        if (maxBytes <= 0 || size < MIN_SIZE) {
            return null;
        }
        long bytes = SignatureTap.sumBytes(size, blockFor(size));
        if (tapped.addAndGet(bytes) > TAPS_MAX_BYTES) {
            tapped.addAndGet(-bytes);
            return null;
        }
        return new SignatureTap(size, blockFor(size));
    }

    /**
     * Stores, in the background, the signature {@code tap} built of content whose SHA-256 turned out to be {@code
     * sha256Hex} (nothing if the tap did not see it whole), then releases the tap.
     */
    public void rememberTapped(String path, String sha256Hex, SignatureTap tap) {
        if (tap == null) {
            return;
        }
        threads.signatureWriter().execute(() -> {
            try {
                if (!Files.isRegularFile(dir.resolve(sha256Hex))) {
                    tap.signature(sha256Hex).ifPresent(signature -> store(path, sha256Hex, signature));
                }
            } finally {
                drop(tap);
            }
        });
    }

    /**
     * Waits (at most {@code max}) for the signatures still being written: a one-shot client calls it before it
     * exits, since the writer's thread does not outlive the process.
     */
    void finishPendingWrites(java.time.Duration max) {
        java.util.concurrent.Future<?> marker = threads.signatureWriter().submit(() -> { });
        try {
            marker.get(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("Signatures still being written are left for later: {}", e.toString());
        }
    }

    /** Computes, in the background, the signature of {@code file} if it still is {@code version} and is big enough. */
    public void rememberLater(Path file, FileEntry version) {
        if (version.isFile() && version.size() >= MIN_SIZE) {
            threads.signatureWriter().execute(() -> remember(file, version));
        }
    }

    /**
     * A tap that builds the signature of {@code version} while an upload reads it, so that {@link #rememberSent} need
     * not read it again; null for a file too small to cache, or while the taps under way hold {@link #TAPS_MAX_BYTES}.
     * Every tap given out goes back through {@link #rememberSent} or {@link #drop}.
     */
    public SignatureTap tap(FileEntry version) {
        if (!version.isFile() || version.size() < MIN_SIZE || Files.isRegularFile(dir.resolve(version.hash()))) {
            return null;
        }
        long bytes = SignatureTap.sumBytes(version.size(), blockFor(version.size()));
        if (tapped.addAndGet(bytes) > TAPS_MAX_BYTES) {
            tapped.addAndGet(-bytes);
            return null;
        }
        SignatureTap tap = new SignatureTap(version.size(), blockFor(version.size()));
        tapsOut.add(tap);
        return tap;
    }

    /**
     * After {@code version} was sent as content of SHA-256 {@code sentSha256Hex}: stores, in the background, the
     * signature its tap built, or else (no tap, or the file read was not that version) reads the file for it.
     */
    public void rememberSent(Path file, FileEntry version, SignatureTap tap, String sentSha256Hex) {
        if (tap == null) {
            rememberLater(file, version);
            return;
        }
        try {
            threads.signatureWriter().execute(() -> signSent(file, version, tap, sentSha256Hex));
        } catch (RuntimeException stopping) {
            drop(tap); // the writer stopped: the tap's share comes back all the same
            throw stopping;
        }
    }

    private void signSent(Path file, FileEntry version, SignatureTap tap, String sentSha256Hex) {
        try {
            Optional<Signature> signature = version.hash().equals(sentSha256Hex)
                    ? tap.signature(sentSha256Hex) : Optional.empty();
            if (signature.isPresent()) {
                store(version, signature.get());
            } else {
                remember(file, version);
            }
        } finally {
            drop(tap);
        }
    }

    /** A tap whose upload failed or was abandoned: its sums are no longer held. A second drop does nothing. */
    public void drop(SignatureTap tap) {
        if (tap != null && tapsOut.remove(tap)) {
            tapped.addAndGet(-tap.sumBytes());
        }
    }

    /** The bytes of sums the taps under way hold (at most {@link #TAPS_MAX_BYTES}). */
    public long tappedBytes() {
        return tapped.get();
    }

    /** Computes and stores the signature of {@code file} if it still is {@code version}. */
    void remember(Path file, FileEntry version) {
        if (!version.isFile() || version.size() < MIN_SIZE || Files.isRegularFile(dir.resolve(version.hash()))) {
            return;
        }
        try {
            Signature signature = SignatureBuilder.build(file, blockFor(version.size()));
            if (!signature.basisSha256Hex().equals(version.hash())) {
                return; // changed since it was synced: its signature would describe nobody's version
            }
            store(version, signature);
        } catch (IOException | RuntimeException e) {
            LOG.debug("No cached signature for {}: {}", version.path(), e.toString());
        }
    }

    private void store(FileEntry version, Signature signature) {
        store(version.path(), version.hash(), signature);
    }

    private void store(String path, String sha256Hex, Signature signature) {
        try {
            dev.deltasync.sync.MetadataDir.createPrivateDirectories(dir);
            Path part = dir.resolve(sha256Hex + PART);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part))) {
                SignatureFormat.write(signature, out);
            }
            dev.deltasync.sync.MetadataDir.makePrivate(part);
            Path stored = dir.resolve(sha256Hex);
            Files.move(part, stored, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (maxBytes > 0) {
                LOG.debug("Kept the signature of {} ({})", path, sha256Hex);
                keepWithinBound(Files.size(stored));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("No cached signature for {}: {}", path, e.toString());
        }
    }

    /**
     * After a signature of {@code added} bytes was stored (on the writer's thread, one at a time): past the bound,
     * removes the least recently used signatures until they hold at most 7/8 of it (so that pruning is rare).
     */
    private void keepWithinBound(long added) throws IOException {
        storedBytes = storedBytes < 0 ? sizes().values().stream().mapToLong(Long::longValue).sum()
                : storedBytes + added;
        if (storedBytes <= maxBytes) {
            return;
        }
        java.util.Map<Path, Long> sizes = sizes();
        List<Path> oldestFirst = new java.util.ArrayList<>(sizes.keySet());
        java.util.Map<Path, Long> used = new java.util.HashMap<>();
        for (Path file : oldestFirst) {
            used.put(file, lastUse(file));
        }
        oldestFirst.sort(java.util.Comparator.comparing(used::get));
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        for (Path file : oldestFirst) {
            if (total <= maxBytes / 8 * 7) {
                break;
            }
            Files.deleteIfExists(file);
            total -= sizes.get(file);
        }
        storedBytes = total;
        LOG.debug("Signature cache pruned to {} bytes (bound {})", total, maxBytes);
    }

    private java.util.Map<Path, Long> sizes() throws IOException {
        java.util.Map<Path, Long> sizes = new java.util.HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!file.getFileName().toString().endsWith(PART)) {
                    try {
                        sizes.put(file, Files.size(file));
                    } catch (java.nio.file.NoSuchFileException gone) {
                        // removed meanwhile
                    }
                }
            }
        }
        return sizes;
    }

    private static long lastUse(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether the cache folder exists (so pruning it is worth loading the sync state). */
    public boolean holdsAny() {
        return Files.isDirectory(dir);
    }

    /** {@value #BLOCK} bytes, doubled until the file has at most {@value #MAX_BLOCKS} blocks. */
    static int blockFor(long size) {
        int block = BLOCK;
        while (size / block > MAX_BLOCKS) {
            block *= 2;
        }
        return block;
    }

    /** Removes the signatures of versions not in {@code keep} (and leftovers of interrupted writes). */
    public void keepOnly(Set<String> keep) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!keep.contains(name) && !(name.endsWith(PART) && keep.contains(name.substring(0, name.length() - PART.length())))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not prune the signature cache: {}", e.toString());
        }
    }
}
