package dev.deltasync.cli;

import dev.deltasync.sync.Mode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The checks that turn a bad command line into one clear line and exit code 2, before anything starts. */
final class UsageChecks {

    private UsageChecks() {
    }

    /**
     * Checks that {@code dir} can be the shared folder without creating anything: given, not a file, and either
     * an existing folder this user can write or creatable under its nearest existing parent.
     */
    static Path folderArgument(CommandLine cmd, Path dir) {
        if (dir == null || dir.toString().isEmpty()) {
            throw new ParameterException(cmd, "Missing required option: --dir=DIR (the shared folder)");
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new ParameterException(cmd, "--dir " + abs + " is a file, not a folder: give a folder"
                    + " (it is created if missing)");
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new ParameterException(cmd, "cannot create the folder " + abs + ": "
                    + (existing == null ? "no part of that path exists" : existing + " is a file"));
        }
        if (!Files.isReadable(existing) || !Files.isWritable(existing)) {
            throw new ParameterException(cmd, existing.equals(abs)
                    ? "the shared folder " + abs + " must be readable and writable by this user"
                    : "cannot create the folder " + abs + ": " + existing + " is not writable by this user");
        }
        return abs;
    }

    /** A folder to inspect: it must exist already (nothing is created). */
    static Path existingFolder(CommandLine cmd, Path dir) {
        if (dir == null || dir.toString().isEmpty()) {
            throw new ParameterException(cmd, "Missing required option: --dir=DIR (the shared folder)");
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new ParameterException(cmd, "--dir " + abs + (Files.exists(abs) ? " is a file, not a folder"
                    : " does not exist"));
        }
        return abs;
    }

    /**
     * Creates the shared folder and its {@code .deltasync/} metadata folder once every argument is valid; a file
     * system that refuses (read-only, {@code /sys}, {@code /proc}) is a usage error naming the folder.
     */
    static Path prepareFolder(CommandLine cmd, Path abs) {
        try {
            Files.createDirectories(abs);
            Files.createDirectories(abs.resolve(".deltasync"));
        } catch (IOException e) {
            throw new ParameterException(cmd, "cannot use " + abs + " as a shared folder: " + reason(e)
                    + " (choose a folder on a normal, writable file system)");
        }
        return abs;
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return "cannot create " + fs.getFile() + " (" + fs.getReason().toLowerCase(java.util.Locale.ROOT) + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static void positive(CommandLine cmd, String option, long value) {
        if (value <= 0) {
            throw new ParameterException(cmd, option + " must be positive, not " + value);
        }
    }

    static void notNegative(CommandLine cmd, String option, long value) {
        if (value < 0) {
            throw new ParameterException(cmd, option + " must be 0 or more, not " + value);
        }
    }

    static void port(CommandLine cmd, int port) {
        if (port < 1 || port > 65535) {
            throw new ParameterException(cmd, "--port must be a TCP port between 1 and 65535, not " + port);
        }
    }

    /** 0 switches the management port off; it must not be the sync port. */
    static void managementPort(CommandLine cmd, int port, int syncPort) {
        if (port < 0 || port > 65535) {
            throw new ParameterException(cmd, "--management-port must be between 0 (off) and 65535, not " + port);
        }
        if (port == syncPort) {
            throw new ParameterException(cmd, "--management-port must differ from --port (" + port + ")");
        }
    }

    static void mode(CommandLine cmd, int mode) {
        try {
            Mode.of(mode);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--" + e.getMessage());
        }
    }

    static void bindable(CommandLine cmd, String bind, int port, String secret) {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new ParameterException(cmd, "--bind " + bind + " is not an address of this machine");
        }
        if (!address.isLoopbackAddress() && (secret == null || secret.isEmpty())) {
            throw new ParameterException(cmd, "refusing to listen on " + bind
                    + " without a secret: give --secret or --secret-file (or bind 127.0.0.1)");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new ParameterException(cmd, "cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "): is another server already running there?");
        }
    }
}
