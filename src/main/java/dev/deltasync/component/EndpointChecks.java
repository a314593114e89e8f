package dev.deltasync.component;

import dev.deltasync.sync.Mode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The checks that turn a bad {@code deltasync:} URI into one clear error before anything starts. */
final class EndpointChecks {

    private EndpointChecks() {
    }

    /** true for a client, false for a server. */
    static boolean role(String role) {
        return switch (role == null ? "" : role) {
            case "server" -> false;
            case "client" -> true;
            default -> throw new IllegalArgumentException("deltasync:" + role
                    + " is not a role: use deltasync:server?dir=... or deltasync:client?dir=...&host=...");
        };
    }

    /** The secret itself, or the first line of the secret file. */
    static String secret(String secret, String secretFile) {
        if (secret != null && !secret.isEmpty()) {
            return secret;
        }
        if (secretFile == null || secretFile.isEmpty()) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(secretFile), StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("deltasync: cannot read the secret file " + secretFile + ": "
                    + e.getMessage(), e);
        }
    }

    /** The folder is given and usable, the mode known, and a server reachable from other hosts has a secret. */
    static void settings(String role, Map<String, String> props) {
        String dir = props.get("deltasync.dir");
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("deltasync:" + role + " needs dir=<the shared folder>");
        }
        try {
            Mode.of(Integer.parseInt(props.get("deltasync.mode")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("deltasync: " + e.getMessage(), e);
        }
        Path folder = Path.of(dir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalArgumentException("deltasync: cannot create the shared folder " + folder + ": "
                    + e.getMessage(), e);
        }
        props.put("deltasync.dir", folder.toString());
        if ("server".equals(role) && props.get("deltasync.secret").isEmpty() && !loopback(props.get("deltasync.bind"))) {
            throw new IllegalArgumentException("deltasync: refusing to listen on " + props.get("deltasync.bind")
                    + " without a secret: give secret=RAW(...) or secretFile=..., or bind=127.0.0.1");
        }
    }

    private static boolean loopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("deltasync: bind=" + bind + " is not an address of this machine", e);
        }
    }
}
