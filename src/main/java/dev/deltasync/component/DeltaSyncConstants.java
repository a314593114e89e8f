package dev.deltasync.component;

import org.apache.camel.spi.Metadata;

/** The headers of the exchanges a {@code deltasync:} consumer emits, one per change applied on its side. */
public final class DeltaSyncConstants {

    @Metadata(description = "What happened to the file: ARRIVED (new here), UPDATED (new content), DELETED, RENAMED,"
            + " CONFLICT_KEPT (the loser of a conflict kept under a conflict-copy name) or TRASHED (deleted into"
            + " .deltasync/trash/ by a mirror mode)", javaType = "String")
    public static final String EVENT = "DeltaSyncEvent";
    @Metadata(description = "The file's path relative to the shared folder, with / separators (for CONFLICT_KEPT the"
            + " conflict copy's, for RENAMED the new one's)", javaType = "String")
    public static final String PATH = "DeltaSyncPath";
    @Metadata(description = "The file's absolute path on this side", javaType = "String")
    public static final String ABSOLUTE_PATH = "CamelFileAbsolutePath";
    @Metadata(description = "The file's relative path again, so that a file: producer writes it under the same"
            + " name and sub-folders", javaType = "String")
    public static final String FILE_NAME = "CamelFileName";
    @Metadata(description = "The file's size in bytes (for DELETED and TRASHED: the size it had)", javaType = "long")
    public static final String SIZE = "DeltaSyncSize";
    @Metadata(description = "The SHA-256 of the file's content, in hex", javaType = "String")
    public static final String SHA256 = "DeltaSyncSha256";
    @Metadata(description = "The folder id of the other side: on a server the client that sent the change, on a"
            + " client the server it synced with (empty if unknown)", javaType = "String")
    public static final String PEER = "DeltaSyncPeer";
    @Metadata(description = "The sync mode in force (0 union/client wins, 1 union/server wins, 2 client mirrors to"
            + " server, 3 server mirrors to client)", javaType = "int")
    public static final String MODE = "DeltaSyncMode";
    @Metadata(description = "server or client: the side this consumer runs", javaType = "String")
    public static final String ROLE = "DeltaSyncRole";
    @Metadata(description = "RENAMED: the path the file had before; CONFLICT_KEPT: the path of the file in conflict"
            + " (where the winning version now is)", javaType = "String")
    public static final String PREVIOUS_PATH = "DeltaSyncPreviousPath";
    @Metadata(description = "CONFLICT_KEPT only: the conflict copy's name"
            + " (name.sync-conflict-YYYYMMDD-HHMMSS-server.ext or ...-client.ext)", javaType = "String")
    public static final String CONFLICT_COPY = "DeltaSyncConflictCopy";

    private DeltaSyncConstants() {
    }
}
