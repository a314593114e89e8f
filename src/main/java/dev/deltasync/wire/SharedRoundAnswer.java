package dev.deltasync.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The status in front of each part of a {@link GetSharedRound} answer: {@link GetSharedRound#PART_OK} then the
 * part's range signatures, or {@link GetSharedRound#PART_FAILED}, an error code byte and a short text.
 */
public final class SharedRoundAnswer {

    /** A part that failed on the answering side, with the error code it would have answered on its own. */
    public record PartFailure(int code, String text) {
    }

    private static final int MAX_TEXT = 1000;

    private SharedRoundAnswer() {
    }

    public static void writeOk(OutputStream out) throws IOException {
        out.write(GetSharedRound.PART_OK);
    }

    public static void writeFailed(int code, String text, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeByte(GetSharedRound.PART_FAILED);
        data.writeByte(code);
        String shortText = text == null ? "" : text;
        data.writeUTF(shortText.length() > MAX_TEXT ? shortText.substring(0, MAX_TEXT) : shortText);
        data.flush();
    }

    /** Reads a part's status: null when its signatures follow, else why it failed. */
    public static PartFailure readStatus(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int status = data.read();
        if (status == GetSharedRound.PART_OK) {
            return null;
        }
        if (status != GetSharedRound.PART_FAILED) {
            throw new ProtocolException(status < 0 ? "a shared round's answer ended before all its parts"
                    : "a shared round's answer has an unknown part status " + status);
        }
        int code = data.readUnsignedByte();
        return new PartFailure(code, data.readUTF());
    }
}
