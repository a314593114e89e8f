package dev.deltasync.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import dev.deltasync.sync.Side;
import dev.deltasync.sync.SyncStateStore;
import dev.deltasync.sync.Trash;

/**
 * Resolves one conflict by keeping one version under the file's real name and moving the other to the trash;
 * the next sync (at once, when a process watches the folder) carries the result to the other side.
 * "Mine" is this folder's side: the client's version in a client's folder, the server's in the server's.
 */
public final class ConflictResolver {

    private final Path root;
    private final Side mine;

    public ConflictResolver(Path root) {
        this.root = root;
        this.mine = sideOf(root);
    }

    /** The side this folder is, from its status record or else from its state (a client keeps one per server). */
    static Side sideOf(Path root) {
        String role = FolderRecord.read(root).get("role");
        if (role != null) {
            return "server".equals(role) ? Side.SERVER : Side.CLIENT;
        }
        if (SyncStateStore.existsIn(root)) {
            try (SyncStateStore state = SyncStateStore.openReadOnly(root)) {
                return state.peerIds().isEmpty() ? Side.SERVER : Side.CLIENT;
            } catch (IOException | RuntimeException e) {
                return Side.CLIENT;
            }
        }
        return Side.CLIENT;
    }

    public Side mine() {
        return mine;
    }

    /**
     * @param path     the conflict copy, or the winning file when it has exactly one copy (relative to the folder,
     *                 or absolute inside it)
     * @param keepMine keep this folder's side's version (else the other side's)
     * @return what was done, in one sentence
     */
    public String resolve(String path, boolean keepMine) throws IOException {
        ConflictCopies.Copy copy = find(path);
        Side keep = keepMine ? mine : mine.other();
        Trash trash = Trash.forFolder(root);
        Path copyFile = root.resolve(copy.copy());
        Path winnerFile = root.resolve(copy.winner());
        if (copy.side() == keep) {
            String trashed = "";
            if (Files.exists(winnerFile, LinkOption.NOFOLLOW_LINKS)) {
                trashed = "; the " + keep.other().label() + "'s version went to "
                        + root.relativize(trash.keep(winnerFile, copy.winner()));
            }
            Files.move(copyFile, winnerFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return "kept the " + keep.label() + "'s version of " + copy.winner() + " (from " + copy.copy() + ")" + trashed;
        }
        Path kept = trash.keep(copyFile, copy.copy());
        return "kept the " + keep.label() + "'s version of " + copy.winner() + "; the " + copy.side().label()
                + "'s version (" + copy.copy() + ") went to " + root.relativize(kept);
    }

    private ConflictCopies.Copy find(String path) throws IOException {
        String rel = relative(path);
        var direct = ConflictCopies.parse(root, rel);
        if (direct.isPresent() && Files.isRegularFile(root.resolve(rel))) {
            return direct.get();
        }
        List<ConflictCopies.Copy> copies = ConflictCopies.in(root).stream().filter(c -> c.winner().equals(rel)).toList();
        if (copies.isEmpty()) {
            throw new IllegalArgumentException("no conflict copy " + rel + " (nor of it) in " + root
                    + "; 'deltasync conflicts --dir " + root + "' lists them");
        }
        if (copies.size() > 1) {
            throw new IllegalArgumentException(rel + " has " + copies.size() + " conflict copies; name one: "
                    + String.join(", ", copies.stream().map(ConflictCopies.Copy::copy).toList()));
        }
        return copies.get(0);
    }

    private String relative(String path) {
        Path given = Path.of(path);
        if (given.isAbsolute()) {
            Path abs = given.normalize();
            if (!abs.startsWith(root)) {
                throw new IllegalArgumentException(path + " is not inside " + root);
            }
            return ConflictCopies.relative(root, abs);
        }
        String rel = given.normalize().toString().replace(java.io.File.separatorChar, '/');
        if (rel.startsWith("..")) {
            throw new IllegalArgumentException(path + " is not inside " + root);
        }
        return rel;
    }
}
