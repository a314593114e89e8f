package dev.deltasync.folder;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.deltasync.rsync.Sha256;
import dev.deltasync.sync.MetadataDir;

/**
 * What this side kept of transfers that were cut off, to resume them: {@code .deltasync/partial/<peer>/}, one
 * folder per peer (a server keeps each client's apart), and in it per file a {@code .data} file and a
 * {@code .record} saying which file, which version was coming (size and SHA-256), how many bytes arrived and when.
 *
 * <p>The data file is the basis the next transfer of that file is sent against: the bytes that arrived, then the
 * rest of the receiver's old version from the same offset (a cut edit usually continues like the old file). It is
 * never trusted: the next transfer's result is verified whole as always, so a source that changed meanwhile still
 * ends correct. The data is written before its record (the record may lag behind the data, never run ahead of
 * it), both owner-only; a partial older than the maximum age, or without a record, is removed.
 */
public final class PartialStore {

    private static final Logger LOG = LoggerFactory.getLogger(PartialStore.class);

    /** How long a partial is kept by default. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);
    /** Files smaller than this are sent again whole: a round trip to look for a partial would cost more. */
    public static final long MIN_SIZE = 1L << 20;
    private static final String DATA = ".data";
    private static final String RECORD = ".record";
    private static final String NEW = ".new";
    private static final String SPOOL = ".spool";
    private static final String INCOMING = ".incoming";

    /** One kept partial. @param data the basis file (the bytes held, then the old version's rest) */
    public record Partial(String path, String targetHash, long targetSize, long held, long savedAtMillis, Path data) {

        /** "230.4 MB of 256.0 MB". */
        public String describeHeld() {
            return megabytes(held) + " of " + megabytes(targetSize);
        }
    }

    /** Where a partial's bytes are charged (the server's spool quota); refusing throws. */
    public interface Budget {
        void take(long bytes) throws IOException;

        void give(long bytes);

        Budget UNLIMITED = new Budget() {
            @Override
            public void take(long bytes) {
            }

            @Override
            public void give(long bytes) {
            }
        };
    }

    /**
     * A stream a process was receiving when it was killed: its spool, and what it was (the peer, the file coming,
     * and which basis its delta was made against, as the receiver named it).
     */
    public record Incoming(String peer, String path, String targetHash, long targetSize, String basis, Path spool) {
    }

    /** Keeps what it can of a stream a killed process was receiving. */
    @FunctionalInterface
    public interface Recovery {
        void recover(Incoming incoming) throws IOException;
    }

    /** Writes the bytes of a cut transfer that can be rebuilt; returns how many. */
    @FunctionalInterface
    public interface Salvage {
        long writeTo(OutputStream out) throws IOException;
    }

    private final Path root;
    private final Clock clock;
    private volatile Duration maxAge = DEFAULT_MAX_AGE;
    private volatile long maxPerPeer = Long.MAX_VALUE;
    private volatile Budget budget = Budget.UNLIMITED;
    /** Whether any partial may be here: most installs then skip looking for one. */
    private volatile boolean anyKept = true;

    public PartialStore(Path folderRoot, Clock clock) {
        this.root = MetadataDir.of(folderRoot).resolve("partial");
        this.clock = clock;
    }

    /** Keeps partials for {@code age} at most. */
    public void keepFor(Duration age) {
        this.maxAge = age;
    }

    /** Charges kept partials to {@code budget}, and no more than {@code perPeer} bytes for one peer. */
    public void bound(Budget budget, long perPeer) {
        this.budget = budget;
        this.maxPerPeer = perPeer;
    }

    /** The partial kept of {@code path} for {@code peer}, if one is there and not too old. */
    public synchronized Optional<Partial> find(String peer, String path) {
        Path dir = peerDir(peer);
        String base = base(path);
        try {
            Properties record = readRecord(dir.resolve(base + RECORD));
            Path data = dir.resolve(base + DATA);
            if (record == null || !Files.isRegularFile(data) || !path.equals(record.getProperty("path"))) {
                return Optional.empty();
            }
            Partial partial = new Partial(path, record.getProperty("target-hash", ""),
                    Long.parseLong(record.getProperty("target-size", "0")),
                    Math.min(Long.parseLong(record.getProperty("held", "0")), Files.size(data)),
                    Long.parseLong(record.getProperty("saved-at", "0")), data);
            if (expired(partial.savedAtMillis())) {
                LOG.info("Removed what was kept of an interrupted transfer of {}: older than {} h", path,
                        maxAge.toHours());
                forget(peer, path);
                return Optional.empty();
            }
            return Optional.of(partial);
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Partial of {} unreadable: {}", path, e.toString());
            forget(peer, path);
            return Optional.empty();
        }
    }

    /**
     * Keeps what {@code salvage} rebuilds of a cut transfer of {@code path} (coming as {@code targetHash}, {@code
     * targetSize} bytes), followed by {@code oldVersion}'s bytes from the same offset up to the target's size
     * (null: none). Replaces an earlier partial of the same file. Nothing is kept when nothing could be rebuilt or
     * the bounds do not allow it.
     */
    public synchronized Optional<Partial> keep(String peer, String path, String targetHash, long targetSize,
                                               Salvage salvage, Path oldVersion) throws IOException {
        Path dir = MetadataDir.createPrivateDirectories(peerDir(peer));
        String base = base(path);
        Path fresh = dir.resolve(base + DATA + NEW);
        Files.deleteIfExists(fresh);
        long held;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(fresh,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                MetadataDir.makePrivate(fresh);
                held = Math.min(salvage.writeTo(out), targetSize);
                out.flush();
                if (held > 0 && oldVersion != null) {
                    appendTail(oldVersion, held, targetSize, out);
                }
            }
            long size = Files.size(fresh);
            if (held <= 0 || size > targetSize) {
                Files.deleteIfExists(fresh);
                return Optional.empty();
            }
            forget(peer, path);
            if (!makeRoom(dir, size)) {
                Files.deleteIfExists(fresh);
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(fresh);
            throw e;
        }
        Path data = dir.resolve(base + DATA);
        anyKept = true;
        Files.move(fresh, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long now = clock.millis();
        writeRecord(dir.resolve(base + RECORD), path, targetHash, targetSize, held, now);
        return Optional.of(new Partial(path, targetHash, targetSize, held, now, data));
    }

    /**
     * A spool for a stream about to be received, here rather than in the temp folder (which start-up empties) so
     * that a process killed while receiving can keep what arrived at its next start ({@link #recoverIncoming}). The
     * spool exists before its record, so the record never names data that is not there.
     */
    public synchronized Path incoming(String peer, String path, String targetHash, long targetSize, String basis)
            throws IOException {
        Path dir = MetadataDir.createPrivateDirectories(peerDir(peer));
        String name = base(path) + "-" + java.util.UUID.randomUUID();
        Path spool = Files.createFile(dir.resolve(name + SPOOL));
        MetadataDir.makePrivate(spool);
        Properties record = new Properties();
        record.setProperty("peer", peer);
        record.setProperty("path", path);
        record.setProperty("target-hash", targetHash);
        record.setProperty("target-size", Long.toString(targetSize));
        record.setProperty("basis", basis);
        store(record, dir.resolve(name + INCOMING));
        anyKept = true;
        return spool;
    }

    /** The stream of {@code spool} ended (received whole, or what it held was kept): its spool and record go. */
    public void doneIncoming(Path spool) {
        String name = spool.getFileName().toString();
        deleteQuietly(spool);
        if (name.endsWith(SPOOL)) {
            deleteQuietly(spool.resolveSibling(name.substring(0, name.length() - SPOOL.length()) + INCOMING));
        }
    }

    /**
     * At start-up, after {@link #sweep}: hands every stream a killed process was receiving to {@code recovery},
     * then removes its spool and record.
     */
    public void recoverIncoming(Recovery recovery) {
        for (Path dir : peerDirs()) {
            for (Path file : list(dir)) {
                String name = file.getFileName().toString();
                if (!name.endsWith(INCOMING)) {
                    continue;
                }
                Path spool = dir.resolve(name.substring(0, name.length() - INCOMING.length()) + SPOOL);
                try {
                    Properties record = readRecord(file);
                    if (record != null && Files.isRegularFile(spool)) {
                        recovery.recover(new Incoming(record.getProperty("peer", ""), record.getProperty("path", ""),
                                record.getProperty("target-hash", ""),
                                Long.parseLong(record.getProperty("target-size", "0")),
                                record.getProperty("basis", ""), spool));
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.info("Could not keep what arrived of an interrupted transfer ({}): it starts over",
                            e.getMessage());
                }
                doneIncoming(spool);
                deleteQuietly(file);
            }
        }
    }

    /** Removes the partial of {@code path} kept for {@code peer}, if any. */
    public synchronized void forget(String peer, String path) {
        forgetIn(peerDir(peer), base(path));
    }

    /** Removes every peer's partial of {@code path}: the file was installed or deleted. */
    public synchronized void forgetEverywhere(String path) {
        if (!anyKept) {
            return;
        }
        for (Path dir : peerDirs()) {
            forgetIn(dir, base(path));
        }
    }

    /**
     * At start-up: removes partials that are too old, unfinished or without a record, and charges the rest to the
     * budget; returns how many are kept. Then {@link #recoverIncoming} turns what killed transfers left into partials.
     */
    public synchronized int sweep() {
        int kept = 0;
        for (Path dir : peerDirs()) {
            for (Path file : list(dir)) {
                String name = file.getFileName().toString();
                if (name.endsWith(RECORD) || name.endsWith(SPOOL) || name.endsWith(INCOMING)) {
                    continue; // records are judged with their data; streams a killed process was receiving by
                    // recoverIncoming
                }
                String base = name.endsWith(DATA) ? name.substring(0, name.length() - DATA.length()) : null;
                Properties record = null;
                try {
                    record = base == null ? null : readRecord(dir.resolve(base + RECORD));
                } catch (IOException | RuntimeException e) {
                    // unreadable: removed below
                }
                if (record == null || expired(Long.parseLong(record.getProperty("saved-at", "0")))
                        || !chargeAtStart(file)) {
                    deleteQuietly(file);
                    if (base != null) {
                        deleteQuietly(dir.resolve(base + RECORD));
                    }
                } else {
                    kept++;
                }
            }
            for (Path file : list(dir)) {
                String name = file.getFileName().toString();
                if (name.endsWith(RECORD) && !Files.exists(dir.resolve(name.replace(RECORD, DATA)))) {
                    deleteQuietly(file);
                }
            }
        }
        anyKept = kept > 0;
        if (kept > 0) {
            LOG.info("Kept {} interrupted transfer{} to resume (at most {} h old)", kept, kept == 1 ? "" : "s",
                    maxAge.toHours());
        }
        return kept;
    }

    private boolean chargeAtStart(Path data) {
        try {
            budget.take(Files.size(data));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Frees room for {@code size} bytes in a peer's folder (oldest partials first) and charges them. */
    private boolean makeRoom(Path dir, long size) {
        if (size > maxPerPeer) {
            return false;
        }
        List<Path> datas = new ArrayList<>(list(dir).stream()
                .filter(p -> p.getFileName().toString().endsWith(DATA)).toList());
        datas.sort(Comparator.comparingLong(PartialStore::modified));
        long held = datas.stream().mapToLong(PartialStore::sizeOf).sum();
        for (int i = 0; held + size > maxPerPeer && i < datas.size(); i++) {
            held -= sizeOf(datas.get(i));
            String name = datas.get(i).getFileName().toString();
            forgetIn(dir, name.substring(0, name.length() - DATA.length()));
        }
        try {
            budget.take(size);
            return true;
        } catch (IOException e) {
            LOG.info("Not keeping an interrupted transfer to resume: {}", e.getMessage());
            return false;
        }
    }

    private void forgetIn(Path dir, String base) {
        Path data = dir.resolve(base + DATA);
        long size = sizeOf(data);
        if (deleteQuietly(data)) {
            budget.give(size);
        }
        deleteQuietly(dir.resolve(base + RECORD));
    }

    private static void appendTail(Path oldVersion, long from, long upTo, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(oldVersion, StandardOpenOption.READ);
             InputStream in = java.nio.channels.Channels.newInputStream(channel.position(
                     Math.min(from, channel.size())))) {
            long left = Math.max(0, Math.min(channel.size(), upTo) - from);
            byte[] buffer = new byte[1 << 16];
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; left -= n) {
                out.write(buffer, 0, n);
            }
        } catch (NoSuchFileException gone) {
            // the old version went away: the bytes held alone are the basis
        }
    }

    private boolean expired(long savedAtMillis) {
        return clock.millis() - savedAtMillis > maxAge.toMillis();
    }

    private Path peerDir(String peer) {
        return root.resolve(Sha256.hex(peer.getBytes(StandardCharsets.UTF_8)).substring(0, 32));
    }

    private static String base(String path) {
        return Sha256.hex(path.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }

    private List<Path> peerDirs() {
        return list(root).stream().filter(Files::isDirectory).toList();
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Properties readRecord(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties record = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            record.load(in);
        }
        return record;
    }

    private static void writeRecord(Path file, String path, String targetHash, long targetSize, long held, long at)
            throws IOException {
        Properties record = new Properties();
        record.setProperty("path", path);
        record.setProperty("target-hash", targetHash);
        record.setProperty("target-size", Long.toString(targetSize));
        record.setProperty("held", Long.toString(held));
        record.setProperty("saved-at", Long.toString(at));
        store(record, file);
    }

    private static void store(Properties record, Path file) throws IOException {
        Path fresh = file.resolveSibling(file.getFileName() + NEW);
        try (OutputStream out = Files.newOutputStream(fresh)) {
            MetadataDir.makePrivate(fresh);
            record.store(out, "an interrupted transfer kept to resume it");
        }
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
