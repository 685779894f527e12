package rcusim.sched.replay;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * An int array as text for a JSON string: 32-bit big-endian ints, zlib-deflated, base64.
 * Option counts and choices are small, so deflate takes most of their zero bytes away; the
 * fingerprints are hashes and stay near 4 bytes each. A million decisions come to about
 * 6 MB of file. zlib's Adler-32 check catches a damaged string that still decodes as base64.
 */
final class PackedInts {
    /** The name written next to the strings, so a later format can change the packing. */
    static final String ENCODING = "int32be-zlib-base64";

    private PackedInts() {
    }

    static String encode(int[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Integer.BYTES);
        raw.asIntBuffer().put(values);
        // The default level: level 9 takes ten times as long on these arrays to save 2%.
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(raw.array());
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(values.length + 64);
            byte[] chunk = new byte[1 << 16];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /**
     * The count ints the text holds.
     *
     * @throws IllegalArgumentException saying what is wrong: not base64, damaged, or another count
     */
    static int[] decode(String text, int count) {
        byte[] packed;
        try {
            packed = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64 (" + e.getMessage() + ")");
        }
        // deflate shrinks at most about 1032:1; a larger count is a damaged file, not an allocation
        if ((long) count * Integer.BYTES > packed.length * 1032L + 64) {
            throw new IllegalArgumentException(packed.length + " bytes cannot hold " + count + " values");
        }
        int size = count * Integer.BYTES;
        byte[] raw = new byte[size + 1]; // one spare byte shows a stream that holds too much
        int n = 0;
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(packed);
            while (!inflater.finished() && n < raw.length) {
                int got = inflater.inflate(raw, n, raw.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n > size) {
                throw new IllegalArgumentException("holds more than the " + count + " values expected");
            }
            if (!inflater.finished()) {
                throw new IllegalArgumentException("ends early (truncated or damaged)");
            }
            if (n < size) {
                throw new IllegalArgumentException("holds " + n / Integer.BYTES + " values, expected " + count);
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("damaged (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
        int[] values = new int[count];
        ByteBuffer.wrap(raw).asIntBuffer().get(values);
        return values;
    }
}
