package dev.deltasync.inspect;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import dev.deltasync.sync.MetadataDir;

/**
 * {@code DIR/.deltasync/status.properties}: what the process running on a folder last did (role, address, mode,
 * last sync and its result, connected clients), so {@code deltasync status} can tell it without that process.
 * Replaced atomically on every update; a crash leaves the previous record.
 */
public final class FolderRecord {

    public static final String FILE_NAME = "status.properties";

    private final Path file;
    private final Map<String, String> values = new TreeMap<>();
    private boolean written;
    /** Whether a value was set since the last write. */
    private boolean unwritten;

    private FolderRecord(Path file) {
        this.file = file;
    }

    /** A fresh record for a process starting on {@code root}: its role, process id and start time. */
    public static FolderRecord starting(Path root, String role) {
        FolderRecord record = new FolderRecord(MetadataDir.of(root).resolve(FILE_NAME));
        record.values.putAll(read(root));
        record.values.keySet().removeIf(key -> key.startsWith("live."));
        record.values.put("role", role);
        record.values.put("live.pid", Long.toString(ProcessHandle.current().pid()));
        record.values.put("live.started", Instant.now().toString());
        return record;
    }

    /** The record as last written ({@code role}, {@code last-sync}, {@code live.*}...); empty when there is none. */
    public static Map<String, String> read(Path root) {
        Path file = MetadataDir.of(root).resolve(FILE_NAME);
        Properties props = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException e) {
                return Map.of();
            }
        }
        Map<String, String> map = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return map;
    }

    /** Sets {@code key} (null removes it); {@link #write()} stores it. */
    public synchronized FolderRecord set(String key, String value) {
        String before = value == null ? values.remove(key) : values.put(key, value);
        unwritten |= !java.util.Objects.equals(before, value);
        return this;
    }

    /** Writes the record if a value changed since it was last written. */
    public synchronized void writeIfChanged() {
        if (unwritten) {
            write();
        }
    }

    /** The value of {@code key} as set here, or null. */
    public synchronized String get(String key) {
        return values.get(key);
    }

    /** Writes the record; a failure is not worth stopping a sync for, so it is only reported. */
    public synchronized boolean write() {
        Properties props = new Properties();
        props.putAll(values);
        try {
            Files.createDirectories(file.getParent());
            StringWriter text = new StringWriter();
            props.store(text, "deltasync: what the process on this folder last did (read by 'deltasync status')");
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written = true;
            unwritten = false;
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** The process stopped cleanly: its live facts go, what it did stays. */
    public synchronized void stopped() {
        if (!written && !unwritten) {
            return;
        }
        values.keySet().removeIf(key -> key.startsWith("live."));
        values.put("stopped", Instant.now().toString());
        write();
    }
}
