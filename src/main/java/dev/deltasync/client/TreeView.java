package dev.deltasync.client;

import dev.deltasync.sync.FileEntry;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A side's tree without some of its entries, read through rather than copied: the transfers look up a few paths
 * of it and walk it only to find a similar file for a big new one.
 */
final class TreeView extends AbstractMap<String, FileEntry> {

    private final Map<String, FileEntry> tree;
    private final Predicate<FileEntry> hidden;

    private TreeView(Map<String, FileEntry> tree, Predicate<FileEntry> hidden) {
        this.tree = tree;
        this.hidden = hidden;
    }

    static Map<String, FileEntry> without(Map<String, FileEntry> tree, Predicate<FileEntry> hidden) {
        return new TreeView(tree, hidden);
    }

    @Override
    public FileEntry get(Object path) {
        FileEntry entry = tree.get(path);
        return entry == null || hidden.test(entry) ? null : entry;
    }

    @Override
    public boolean containsKey(Object path) {
        return get(path) != null;
    }

    @Override
    public Set<Entry<String, FileEntry>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, FileEntry>> iterator() {
                Iterator<Entry<String, FileEntry>> all = tree.entrySet().iterator();
                return new Iterator<>() {
                    private Entry<String, FileEntry> next = advance();

                    private Entry<String, FileEntry> advance() {
                        while (all.hasNext()) {
                            Entry<String, FileEntry> candidate = all.next();
                            if (!hidden.test(candidate.getValue())) {
                                return candidate;
                            }
                        }
                        return null;
                    }

                    @Override
                    public boolean hasNext() {
                        return next != null;
                    }

                    @Override
                    public Entry<String, FileEntry> next() {
                        if (next == null) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, FileEntry> current = next;
                        next = advance();
                        return current;
                    }
                };
            }

            @Override
            public int size() {
                int size = 0;
                for (Iterator<Entry<String, FileEntry>> it = iterator(); it.hasNext(); it.next()) {
                    size++;
                }
                return size;
            }
        };
    }
}
