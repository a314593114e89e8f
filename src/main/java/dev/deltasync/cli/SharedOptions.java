package dev.deltasync.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/** Options both roles take; each is also the property {@code deltasync.<name>}. */
public class SharedOptions {

    @Option(names = "--dir", paramLabel = "DIR", description = "Shared folder (required; created if missing).")
    Path dir;

    @Option(names = "--port", description = "TCP port. Default: ${DEFAULT-VALUE}")
    int port = 7070;

    @Option(names = "--secret", description = "Shared secret for authentication (HMAC challenge-response; never sent).")
    String secret;

    @Option(names = "--secret-file", description = "File whose first line is the shared secret.")
    Path secretFile;

    @Option(names = "--quiet-ms", description = "Quiet period before a changed file is synced. Default: ${DEFAULT-VALUE}")
    long quietMs = 1000;

    @Option(names = "--max-delay-ms", description = "Longest delay for a file that keeps changing. Default: ${DEFAULT-VALUE}")
    long maxDelayMs = 30000;

    @Option(names = "--rescan-ms", description = "Full rescan period, 0 = off. Default: ${DEFAULT-VALUE}")
    long rescanMs = 600000;

    @Option(names = "--max-frame", description = "Largest wire frame in bytes. Default: ${DEFAULT-VALUE}")
    int maxFrame = 4 * 1024 * 1024;

    @Option(names = "--heartbeat-ms", description = "Heartbeat interval; a peer silent 4 intervals is gone. Default: ${DEFAULT-VALUE}")
    long heartbeatMs = 5000;

    @Option(names = "--tls", description = "Use TLS (needs --tls-keystore and --tls-truststore). Default: ${DEFAULT-VALUE}")
    boolean tls;

    @Option(names = "--tls-keystore", description = "PKCS12 key store with this side's key pair.")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password", description = "Password of the key store.")
    String tlsKeystorePassword;

    @Option(names = "--tls-truststore", description = "PKCS12 trust store with the peer's certificate.")
    Path tlsTruststore;

    @Option(names = "--tls-truststore-password", description = "Password of the trust store.")
    String tlsTruststorePassword;

    @Option(names = "--trash-max-mb", description = "Trash size limit in MiB. Default: ${DEFAULT-VALUE}")
    long trashMaxMb = 1024;

    @Option(names = "--trash-max-days", description = "Trash age limit in days. Default: ${DEFAULT-VALUE}")
    int trashMaxDays = 30;

    @Option(names = "--partial-max-hours", description = "Keep what arrived of an interrupted transfer this many hours, to resume it. Default: ${DEFAULT-VALUE}")
    int partialMaxHours = 24;

    @Option(names = "--max-delete-share", description = "Refuse batches deleting more than this share of files. Default: ${DEFAULT-VALUE}")
    double maxDeleteShare = 0.5;

    @Option(names = "--max-delete-min-files", description = "The guard applies above this many files. Default: ${DEFAULT-VALUE}")
    int maxDeleteMinFiles = 10;

    @Option(names = "--allow-mass-delete", description = "Confirm a batch the mass-delete guard refused.")
    boolean allowMassDelete;

    @Option(names = "--management-port", description = "HTTP port for health and Prometheus metrics, 0 = off. Default: ${DEFAULT-VALUE}")
    int managementPort;

    @Option(names = "--management-bind", description = "Address of the management port. Default: ${DEFAULT-VALUE}")
    String managementBind = "127.0.0.1";

    /**
     * Checks what both roles share (folder usable, ports in range and distinct) without creating anything, then
     * returns the settings as {@code deltasync.*} properties; a bad value is a usage error (exit code 2).
     * Call {@link #prepareFolder} once every other check passed.
     */
    Map<String, String> checkedProperties(picocli.CommandLine cmd) {
        dir = UsageChecks.folderArgument(cmd, dir);
        UsageChecks.port(cmd, port);
        UsageChecks.managementPort(cmd, managementPort, port);
        return toProperties();
    }

    /** Creates the shared folder, once every argument is known to be valid. */
    void prepareFolder(picocli.CommandLine cmd) {
        UsageChecks.prepareFolder(cmd, dir);
    }

    /** The settings as {@code deltasync.*} properties for the Camel context. */
    Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("deltasync.dir", dir == null ? "" : dir.toAbsolutePath().normalize().toString());
        p.put("deltasync.port", Integer.toString(port));
        p.put("deltasync.secret", Secrets.resolve(secret, secretFile));
        p.put("deltasync.quiet-ms", Long.toString(quietMs));
        p.put("deltasync.max-delay-ms", Long.toString(maxDelayMs));
        p.put("deltasync.rescan-ms", Long.toString(rescanMs));
        p.put("deltasync.max-frame", Integer.toString(maxFrame));
        p.put("deltasync.heartbeat-ms", Long.toString(heartbeatMs));
        p.put("deltasync.tls", Boolean.toString(tls));
        p.put("deltasync.tls-keystore", tlsKeystore == null ? "" : tlsKeystore.toString());
        p.put("deltasync.tls-keystore-password", tlsKeystorePassword == null ? "" : tlsKeystorePassword);
        p.put("deltasync.tls-truststore", tlsTruststore == null ? "" : tlsTruststore.toString());
        p.put("deltasync.tls-truststore-password", tlsTruststorePassword == null ? "" : tlsTruststorePassword);
        p.put("deltasync.trash-max-mb", Long.toString(trashMaxMb));
        p.put("deltasync.trash-max-days", Integer.toString(trashMaxDays));
        p.put("deltasync.partial-max-hours", Integer.toString(partialMaxHours));
        p.put("deltasync.max-delete-share", Double.toString(maxDeleteShare));
        p.put("deltasync.max-delete-min-files", Integer.toString(maxDeleteMinFiles));
        p.put("deltasync.allow-mass-delete", Boolean.toString(allowMassDelete));
        p.put("deltasync.management-port", Integer.toString(managementPort));
        p.put("deltasync.management-bind", managementBind);
        return p;
    }
}
