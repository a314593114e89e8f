package dev.deltasync.wire;

/** A path received from the peer is unsafe or malformed; the request is refused, the connection stays usable. */
public class BadPathException extends RuntimeException {

    private final String path;

    public BadPathException(String path, String reason) {
        super("refused path '" + printable(path) + "': " + reason);
        this.path = path;
    }

    /** The offending path exactly as received. */
    public String path() {
        return path;
    }

    private static String printable(String path) {
        if (path == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(path.length());
        path.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
