package dev.deltasync.wire;

import com.github.luben.zstd.Zstd;

/**
 * zstd compression of frame payloads. A payload is sent compressed only when that saves at least
 * {@link #MIN_SAVING_PERCENT} percent, so incompressible data (already compressed media, archives) stays raw.
 */
public final class FrameCompression {

    /** zstd level 3: the library default, several hundred MB/s per core. */
    public static final int LEVEL = 3;
    public static final int MIN_SAVING_PERCENT = 3;
    /** Payloads smaller than this are never worth the zstd frame header. */
    static final int MIN_INPUT = 64;

    private FrameCompression() {
    }

    /** The frame with its payload compressed and the COMPRESSED flag set, or the frame unchanged. */
    public static Frame compressIfUseful(Frame frame) {
        if (frame.isCompressed() || frame.payload().length < MIN_INPUT) {
            return frame;
        }
        byte[] raw = frame.payload();
        byte[] packed = Zstd.compress(raw, LEVEL);
        if (packed.length > (long) raw.length * (100 - MIN_SAVING_PERCENT) / 100) {
            return frame;
        }
        return new Frame(frame.type(), frame.flags() | Frame.COMPRESSED, frame.requestId(), packed);
    }

    /** Inflates a compressed payload whose declared size must not exceed {@code maxSize}. */
    public static byte[] inflate(byte[] packed, int maxSize) {
        long declared;
        try {
            declared = Zstd.getFrameContentSize(packed);
        } catch (RuntimeException e) {
            declared = -1;
        }
        if (declared < 0) {
            throw new ProtocolException("compressed payload is not a zstd frame with a declared size");
        }
        if (declared > maxSize) {
            throw new ProtocolException("compressed payload inflates to " + declared
                    + " bytes, more than the limit of " + maxSize);
        }
        byte[] raw = new byte[(int) declared];
        long produced;
        try {
            produced = Zstd.decompress(raw, packed);
        } catch (RuntimeException e) {
            throw new ProtocolException("corrupt compressed payload: " + e.getMessage(), e);
        }
        if (Zstd.isError(produced) || produced != declared) {
            throw new ProtocolException("corrupt compressed payload: inflated " + produced + " of "
                    + declared + " declared bytes");
        }
        return raw;
    }
}
