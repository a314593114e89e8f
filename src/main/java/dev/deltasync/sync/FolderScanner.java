package dev.deltasync.sync;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a shared folder as {@link FileEntry}s without following symlinks: a link whose target stays inside the
 * folder becomes a SYMLINK entry, one that leaves it is skipped with a warning. Unchanged files (same size and
 * mtime as cached) are not read again; a file modified within {@link #RACY_MILLIS} of the scan is hashed but not
 * cached, since a later write in the same clock tick would not move its mtime.
 */
public final class FolderScanner {

    static final long RACY_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(FolderScanner.class);

    private final Path root;
    private final IgnoreRules rules;
    private final ScanCache cache;
    private final Clock clock;
    private final Hasher hasher;
    /** Whether files are hashed as they are (not through a test's hasher): only then may small ones be read whole. */
    private final boolean plainHashing;
    private final FolderPaths paths;
    private final LongAdder looked = new LongAdder();
    private final LongAdder hashed = new LongAdder();

    /** Reads a file's content hash; a seam so tests can make a file unreadable even when running as root. */
    interface Hasher {
        String hash(Path file) throws IOException;
    }

    /** Is shown the content of each small file a scan reads to hash, with its hash. */
    @FunctionalInterface
    public interface SmallFileReader {
        void read(String hash, byte[] content);
    }

    /**
     * Builds signatures of big files from the very bytes a scan reads to hash them (no second read): a server
     * keeps those of every version it held, for its clients' downloads.
     */
    public interface BigFileTaps {
        /** A tap for a file of {@code size} bytes about to be read to hash, or null for none. */
        dev.deltasync.rsync.SignatureTap tap(long size);

        /** The file at {@code path} was read through {@code tap} and hashed to {@code hash} (null: the read failed). */
        void tapped(String path, String hash, dev.deltasync.rsync.SignatureTap tap);
    }

    /** Who taps the hash reads of big files; null for nobody. */
    private volatile BigFileTaps bigFiles;

    /** Who is shown small files read to hash, and up to which size; null for nobody (the file is streamed). */
    private volatile SmallFileReader smallFiles;
    private volatile int smallFileLimit;

    public FolderScanner(Path root, IgnoreRules rules, ScanCache cache) throws IOException {
        this(root, rules, cache, Clock.systemUTC(), null);
    }

    FolderScanner(Path root, IgnoreRules rules, ScanCache cache, Clock clock, Hasher hasher) throws IOException {
        this.root = root.toRealPath();
        this.rules = rules;
        this.cache = cache;
        this.clock = clock;
        this.hasher = hasher == null ? ContentHash::of : hasher;
        this.plainHashing = hasher == null;
        this.paths = new FolderPaths(this.root);
    }

    /**
     * Shows {@code reader} every file of at most {@code maxBytes} this scanner reads to hash: such a file is read
     * whole into memory and hashed from there, so that what else is made of its content costs no second read.
     */
    public void showSmallFilesTo(int maxBytes, SmallFileReader reader) {
        this.smallFileLimit = maxBytes;
        this.smallFiles = reader;
    }

    /** Lets {@code taps} tap the hash read of every file it gives a tap for (by size). */
    public void tapBigFilesFor(BigFileTaps taps) {
        this.bigFiles = taps;
    }

    /** Entries (files, directories, links) this scanner has looked at on the disk so far: what a scan costs in stats. */
    public long entriesLookedAt() {
        return looked.sum();
    }

    /** Files this scanner has read to hash so far (those the scan cache could not vouch for). */
    public long filesHashed() {
        return hashed.sum();
    }

    /** Scans the whole folder and forgets cached hashes of files that are gone. */
    public ScanResult scan() throws IOException {
        Walk walk = new Walk();
        Files.walkFileTree(root, walk);
        cache.retainOnly(walk.entries.keySet());
        return new ScanResult(walk.entries, walk.problems);
    }

    /** Scans only the given relative paths (and lists their parent directories). */
    public ScanResult scan(String... subPaths) throws IOException {
        Walk walk = new Walk();
        for (String subPath : subPaths) {
            Path start = root.resolve(RelativePath.check(subPath));
            if (walk.addParents(start) && Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
                Files.walkFileTree(start, walk);
            }
        }
        return new ScanResult(walk.entries, walk.problems);
    }

    /**
     * {@code previous} with everything at or under {@code subPaths} replaced by what the partial scan found. Costs
     * O(log n) per sub-path plus what it replaces, so a few paths merge into a 100,000-entry folder at once.
     */
    public static SortedMap<String, FileEntry> merge(Map<String, FileEntry> previous, Collection<String> subPaths,
                                                     ScanResult partial) {
        TreeMap<String, FileEntry> merged = new TreeMap<>(previous);
        subPaths.forEach(subPath -> removeSubtree(merged, subPath));
        merged.putAll(partial.entries());
        return merged;
    }

    /** Removes {@code path} and everything under it: the keys from "path/" up to "path0" ('0' follows '/'). */
    static void removeSubtree(TreeMap<String, FileEntry> entries, String path) {
        entries.remove(path);
        entries.subMap(path + "/", path + "0").clear();
    }

    private final class Walk extends SimpleFileVisitor<Path> {
        final SortedMap<String, FileEntry> entries = new TreeMap<>();
        final ScanProblems problems = new ScanProblems();

        /** Lists the parents of {@code start}; false when one is missing, ignored or a symlink. */
        boolean addParents(Path start) throws IOException {
            List<Path> parents = new java.util.ArrayList<>();
            for (Path p = start.getParent(); !p.equals(root); p = p.getParent()) {
                parents.add(0, p);
            }
            for (Path parent : parents) {
                String path = RelativePath.of(root, parent);
                if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS) || rules.ignored(path, true)) {
                    return false;
                }
                BasicFileAttributes attrs = Files.readAttributes(parent, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                looked.increment();
                entries.put(path, FileEntry.dir(path, attrs.lastModifiedTime().toMillis())
                        .withMode(modeOrUnknown(parent, attrs)));
            }
            return true;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            looked.increment();
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            String path = RelativePath.of(root, dir);
            if (rules.ignored(path, true)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (!nameSurvives(dir)) {
                refuseName(path);
                return FileVisitResult.SKIP_SUBTREE;
            }
            entries.put(path, FileEntry.dir(path, attrs.lastModifiedTime().toMillis()).withMode(modeOrUnknown(dir, attrs)));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            looked.increment();
            String path = RelativePath.of(root, file);
            if (rules.ignored(path, false)) {
                return FileVisitResult.CONTINUE;
            }
            if (!nameSurvives(file)) {
                refuseName(path);
                return FileVisitResult.CONTINUE;
            }
            try {
                if (attrs.isSymbolicLink()) {
                    addLink(path, file);
                } else if (attrs.isRegularFile()) {
                    addFile(path, file, attrs);
                } else {
                    LOG.debug("Skipping {}: neither a file, a directory nor a symlink", path);
                }
            } catch (IOException e) {
                problems.add(path, "cannot read: " + e);
                LOG.warn("Cannot read {}, leaving it alone this round: {}", path, e.toString());
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            String path = RelativePath.of(root, file);
            if (!rules.ignored(path, Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))) {
                problems.add(path, "cannot read: " + e);
                LOG.warn("Cannot read {}, leaving it alone this round: {}", path, e.toString());
            }
            return FileVisitResult.CONTINUE;
        }

        private void addFile(String path, Path file, BasicFileAttributes attrs) throws IOException {
            long size = attrs.size();
            long mtime = attrs.lastModifiedTime().toMillis();
            String hash = cache.hashIfUnchanged(path, size, mtime);
            if (hash == null) {
                hash = hash(path, file, size);
                hashed.increment();
                BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (after.size() != size || after.lastModifiedTime().toMillis() != mtime) {
                    problems.add(path, "changed while being read (still being written?)");
                    return;
                }
                if (clock.millis() - mtime > RACY_MILLIS) {
                    cache.remember(path, size, mtime, hash);
                }
            }
            entries.put(path, FileEntry.file(path, size, mtime, executable(file, attrs), hash)
                    .withMode(mode(file, attrs)));
        }

        private String hash(String path, Path file, long size) throws IOException {
            BigFileTaps taps = bigFiles;
            dev.deltasync.rsync.SignatureTap tap = taps != null && plainHashing ? taps.tap(size) : null;
            if (tap != null) {
                String hash = null;
                try (java.io.InputStream in = tap.through(Files.newInputStream(file))) {
                    hash = ContentHash.of(in, size);
                } finally {
                    taps.tapped(path, hash, tap);
                }
                return hash;
            }
            SmallFileReader reader = smallFiles;
            if (reader == null || !plainHashing || size > smallFileLimit) {
                return hasher.hash(file);
            }
            byte[] content;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                content = in.readNBytes(smallFileLimit + 1);
            }
            if (content.length > smallFileLimit) {
                return hasher.hash(file); // it grew while being read: the scan sees it changed and leaves it
            }
            String hash = ContentHash.of(content);
            reader.read(hash, content);
            return hash;
        }

        /** A link is listed only while it resolves inside the folder and outside .deltasync/ on this disk. */
        private void addLink(String path, Path link) throws IOException {
            Path target = Files.readSymbolicLink(link);
            String text = target.toString().replace(link.getFileSystem().getSeparator(), "/");
            String why = target.isAbsolute() ? "its target " + text + " is an absolute path"
                    : paths.whyLinkEscapes(path, text);
            if (why != null) {
                LOG.warn("Skipping symlink {}: it leads outside the shared folder ({})", path, why);
                return;
            }
            entries.put(path, FileEntry.symlink(path, text, ContentHash.ofLinkTarget(text)));
        }

        /**
         * A name this side would write back as other bytes: a file name that is not valid UTF-8 (in the platform's
         * file-name encoding) reads as a string with replacement characters, which names another file.
         */
        private boolean nameSurvives(Path entry) {
            Path name = entry.getFileName();
            return name == null || entry.getFileSystem().getPath(name.toString()).equals(name);
        }

        private void refuseName(String path) {
            String why = "its name is not valid " + FILE_NAME_ENCODING + " (shown with '\uFFFD' where bytes do not"
                    + " decode); rename it to sync it";
            problems.add(path, why);
            LOG.warn("Skipping {}: {}", path, why);
        }
    }

    private static final String FILE_NAME_ENCODING = System.getProperty("sun.jnu.encoding", "UTF-8");

    private static int modeOrUnknown(Path dir, BasicFileAttributes attrs) {
        try {
            return mode(dir, attrs);
        } catch (IOException e) {
            return FileEntry.UNKNOWN_MODE;
        }
    }

    /** The permission bits of a file or directory, or unknown where the file system has none. */
    static int mode(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs instanceof PosixFileAttributes posix) {
            return FileAttributes.mode(posix.permissions());
        }
        try {
            return FileAttributes.mode(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException e) {
            return FileEntry.UNKNOWN_MODE;
        }
    }

    static boolean executable(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs instanceof PosixFileAttributes posix) {
            return posix.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
        }
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
