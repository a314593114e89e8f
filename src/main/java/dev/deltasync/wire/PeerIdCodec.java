package dev.deltasync.wire;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Folder ids on the wire. A folder's id is a random UUID (see FolderMarker), so it travels as its 16 bytes
 * instead of 36 characters; anything else (a hand-edited marker, a test's name) travels as a string.
 * One form byte first: 1 = UUID, 0 = string.
 */
final class PeerIdCodec {

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int STRING = 0;
    private static final int UUID_FORM = 1;

    private PeerIdCodec() {
    }

    static void write(String id, WireWriter out) {
        if (CANONICAL_UUID.matcher(id).matches()) {
            UUID uuid = UUID.fromString(id);
            out.writeByte(UUID_FORM).writeRaw(java.nio.ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
        } else {
            out.writeByte(STRING).writeString(id);
        }
    }

    static String read(WireReader in, String field) {
        int form = in.readByte();
        if (form == UUID_FORM) {
            java.nio.ByteBuffer raw = java.nio.ByteBuffer.wrap(in.readRaw(16, field));
            return new UUID(raw.getLong(), raw.getLong()).toString();
        }
        if (form != STRING) {
            throw in.fail(field + " has an unknown form " + form);
        }
        return in.readString(field);
    }
}
