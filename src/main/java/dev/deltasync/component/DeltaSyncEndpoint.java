package dev.deltasync.component;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Two-way folder sync that moves only rsync deltas: a server shares a folder with any number of clients; the consumer
 * runs either side and emits one exchange per change a sync applies to its folder. The options are the deltasync.*
 * settings of the standalone jar in camel case (quiet-ms is quietMs); see docs/component.md.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "deltasync", title = "deltasync", syntax = "deltasync:role",
        consumerOnly = true, remote = true, category = {Category.FILE}, headersClass = DeltaSyncConstants.class)
public class DeltaSyncEndpoint extends DefaultEndpoint {

    @UriPath(enums = "server,client", description = "server shares the folder with any number of clients; client"
            + " keeps the folder in sync with a server")
    @Metadata(required = true)
    private String role;
    @UriParam(description = "The shared folder (created if missing).")
    @Metadata(required = true)
    private String dir;
    @UriParam(defaultValue = "7070",
            description = "TCP port the server listens on / the client connects to.")
    private int port = 7070;
    @UriParam(label = "security",
            secret = true,
            description = "Shared secret for challenge-response authentication (HMAC-SHA256; never sent over the wire). Empty: none, which a server accepts only on a loopback address. Use RAW(...) for secrets with special characters.")
    private String secret;
    @UriParam(label = "security",
            description = "File holding the secret (first line), instead of secret.")
    private String secretFile;
    @UriParam(label = "server",
            defaultValue = "127.0.0.1",
            description = "Address the server binds to. A non-loopback address requires a secret.")
    private String bind = "127.0.0.1";
    @UriParam(label = "server",
            defaultValue = "0",
            enums = "0,1,2,3",
            description = "Sync mode told to every client: 0 union/client wins, 1 union/server wins, 2 client mirrors to server, 3 server mirrors to client.")
    private int mode;
    @UriParam(label = "client",
            defaultValue = "127.0.0.1",
            description = "Server host the client connects to.")
    private String host = "127.0.0.1";
    @UriParam(defaultValue = "1000",
            description = "Quiet period in ms: a changed file is synced once its events have been quiet this long.")
    private long quietMs = 1000L;
    @UriParam(label = "advanced",
            defaultValue = "30000",
            description = "Maximum delay in ms before a file that never stops changing is synced anyway.")
    private long maxDelayMs = 30000L;
    @UriParam(label = "advanced",
            defaultValue = "600000",
            description = "Period of the full rescan safety net in ms (0 = off). A rescan also runs at start-up.")
    private long rescanMs = 600000L;
    @UriParam(label = "advanced",
            defaultValue = "4194304",
            description = "Largest frame accepted or sent on the wire, in bytes.")
    private int maxFrame = 4194304;
    @UriParam(label = "advanced",
            defaultValue = "5000",
            description = "Heartbeat interval in ms; a peer silent for 4 intervals is considered gone.")
    private long heartbeatMs = 5000L;
    @UriParam(label = "security",
            defaultValue = "false",
            description = "Enable TLS on the connection.")
    private boolean tls;
    @UriParam(label = "security",
            description = "Key store (PKCS12) with this side's key pair.")
    private String tlsKeystore;
    @UriParam(label = "security",
            secret = true,
            description = "Password of the key store.")
    private String tlsKeystorePassword;
    @UriParam(label = "security",
            description = "Trust store (PKCS12) with the peer's certificate (on a server: turns on mutual TLS).")
    private String tlsTruststore;
    @UriParam(label = "security",
            secret = true,
            description = "Password of the trust store.")
    private String tlsTruststorePassword;
    @UriParam(label = "advanced",
            defaultValue = "1024",
            description = "Files the mirror modes overwrite or delete go to DIR/.deltasync/trash/, pruned beyond this size in MiB.")
    private long trashMaxMb = 1024L;
    @UriParam(label = "advanced",
            defaultValue = "30",
            description = "... and beyond this age in days.")
    private long trashMaxDays = 30L;
    @UriParam(label = "advanced",
            defaultValue = "0.5",
            description = "Mass-delete guard: refuse a batch deleting more than this share of a side's files (when it has more than maxDeleteMinFiles files) unless allowMassDelete.")
    private double maxDeleteShare = 0.5;
    @UriParam(label = "advanced",
            defaultValue = "10",
            description = "See maxDeleteShare.")
    private int maxDeleteMinFiles = 10;
    @UriParam(label = "advanced",
            defaultValue = "false",
            description = "Let a sync delete more than maxDeleteShare of a side's files.")
    private boolean allowMassDelete;
    @UriParam(label = "client",
            defaultValue = "10000",
            description = "How long the client waits for a connection attempt, in ms.")
    private long connectTimeoutMs = 10000L;
    @UriParam(label = "client",
            defaultValue = "500",
            description = "Reconnect backoff (exponential with jitter): shortest wait, in ms.")
    private long reconnectMinMs = 500L;
    @UriParam(label = "client",
            defaultValue = "30000",
            description = "Reconnect backoff: longest wait, in ms.")
    private long reconnectMaxMs = 30000L;

    public DeltaSyncEndpoint(String uri, DeltaSyncComponent component) {
        super(uri, component);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DeltaSyncConsumer consumer = new DeltaSyncConsumer(this, processor, EndpointChecks.role(role), properties());
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("deltasync: endpoints only consume (from(\"deltasync:server?...\")):"
                + " a sync is driven by the folders, not by messages");
    }

    /** The options as the {@code deltasync.*} properties the roles read, checked. */
    Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>();
        put(props, "dir", dir);
        put(props, "port", port);
        put(props, "secret", secret);
        put(props, "secret-file", secretFile);
        put(props, "bind", bind);
        put(props, "mode", mode);
        put(props, "host", host);
        put(props, "quiet-ms", quietMs);
        put(props, "max-delay-ms", maxDelayMs);
        put(props, "rescan-ms", rescanMs);
        put(props, "max-frame", maxFrame);
        put(props, "heartbeat-ms", heartbeatMs);
        put(props, "tls", tls);
        put(props, "tls-keystore", tlsKeystore);
        put(props, "tls-keystore-password", tlsKeystorePassword);
        put(props, "tls-truststore", tlsTruststore);
        put(props, "tls-truststore-password", tlsTruststorePassword);
        put(props, "trash-max-mb", trashMaxMb);
        put(props, "trash-max-days", trashMaxDays);
        put(props, "max-delete-share", maxDeleteShare);
        put(props, "max-delete-min-files", maxDeleteMinFiles);
        put(props, "allow-mass-delete", allowMassDelete);
        put(props, "connect-timeout-ms", connectTimeoutMs);
        put(props, "reconnect-min-ms", reconnectMinMs);
        put(props, "reconnect-max-ms", reconnectMaxMs);
        props.put("deltasync.secret", EndpointChecks.secret(secret, secretFile));
        EndpointChecks.settings(role, props);
        return props;
    }

    private static void put(Map<String, String> props, String name, Object value) {
        props.put("deltasync." + name, value == null ? "" : value.toString());
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getDir() {
        return dir;
    }

    public void setDir(String dir) {
        this.dir = dir;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getSecretFile() {
        return secretFile;
    }

    public void setSecretFile(String secretFile) {
        this.secretFile = secretFile;
    }

    public String getBind() {
        return bind;
    }

    public void setBind(String bind) {
        this.bind = bind;
    }

    public int getMode() {
        return mode;
    }

    public void setMode(int mode) {
        this.mode = mode;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public long getQuietMs() {
        return quietMs;
    }

    public void setQuietMs(long quietMs) {
        this.quietMs = quietMs;
    }

    public long getMaxDelayMs() {
        return maxDelayMs;
    }

    public void setMaxDelayMs(long maxDelayMs) {
        this.maxDelayMs = maxDelayMs;
    }

    public long getRescanMs() {
        return rescanMs;
    }

    public void setRescanMs(long rescanMs) {
        this.rescanMs = rescanMs;
    }

    public int getMaxFrame() {
        return maxFrame;
    }

    public void setMaxFrame(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    public long getHeartbeatMs() {
        return heartbeatMs;
    }

    public void setHeartbeatMs(long heartbeatMs) {
        this.heartbeatMs = heartbeatMs;
    }

    public boolean isTls() {
        return tls;
    }

    public void setTls(boolean tls) {
        this.tls = tls;
    }

    public String getTlsKeystore() {
        return tlsKeystore;
    }

    public void setTlsKeystore(String tlsKeystore) {
        this.tlsKeystore = tlsKeystore;
    }

    public String getTlsKeystorePassword() {
        return tlsKeystorePassword;
    }

    public void setTlsKeystorePassword(String tlsKeystorePassword) {
        this.tlsKeystorePassword = tlsKeystorePassword;
    }

    public String getTlsTruststore() {
        return tlsTruststore;
    }

    public void setTlsTruststore(String tlsTruststore) {
        this.tlsTruststore = tlsTruststore;
    }

    public String getTlsTruststorePassword() {
        return tlsTruststorePassword;
    }

    public void setTlsTruststorePassword(String tlsTruststorePassword) {
        this.tlsTruststorePassword = tlsTruststorePassword;
    }

    public long getTrashMaxMb() {
        return trashMaxMb;
    }

    public void setTrashMaxMb(long trashMaxMb) {
        this.trashMaxMb = trashMaxMb;
    }

    public long getTrashMaxDays() {
        return trashMaxDays;
    }

    public void setTrashMaxDays(long trashMaxDays) {
        this.trashMaxDays = trashMaxDays;
    }

    public double getMaxDeleteShare() {
        return maxDeleteShare;
    }

    public void setMaxDeleteShare(double maxDeleteShare) {
        this.maxDeleteShare = maxDeleteShare;
    }

    public int getMaxDeleteMinFiles() {
        return maxDeleteMinFiles;
    }

    public void setMaxDeleteMinFiles(int maxDeleteMinFiles) {
        this.maxDeleteMinFiles = maxDeleteMinFiles;
    }

    public boolean isAllowMassDelete() {
        return allowMassDelete;
    }

    public void setAllowMassDelete(boolean allowMassDelete) {
        this.allowMassDelete = allowMassDelete;
    }

    public long getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    public void setConnectTimeoutMs(long connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }

    public long getReconnectMinMs() {
        return reconnectMinMs;
    }

    public void setReconnectMinMs(long reconnectMinMs) {
        this.reconnectMinMs = reconnectMinMs;
    }

    public long getReconnectMaxMs() {
        return reconnectMaxMs;
    }

    public void setReconnectMaxMs(long reconnectMaxMs) {
        this.reconnectMaxMs = reconnectMaxMs;
    }
}
