package rcusim.litmus.exec;

import java.util.Arrays;

/**
 * A state's canonical encoding, usable as a hash key. The words are stored as zigzag
 * varints: litmus states are mostly small numbers (program counters, register values,
 * locations), so a key takes a byte or two per word instead of eight, and the search's
 * cache holds several times more states in the same heap.
 */
final class StateKey {
    private final byte[] data;
    private final int hash;

    StateKey(long[] words) {
        int size = 0;
        for (long w : words) {
            size += varintLength(zigzag(w));
        }
        byte[] buf = new byte[size];
        int p = 0;
        for (long w : words) {
            long v = zigzag(w);
            while ((v & ~0x7FL) != 0) {
                buf[p++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[p++] = (byte) v;
        }
        this.data = buf;
        this.hash = Arrays.hashCode(data);
    }

    private static long zigzag(long w) {
        return (w << 1) ^ (w >> 63);
    }

    private static int varintLength(long v) {
        return Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
    }

    /** Approximate heap bytes of this key (object, array header and payload, aligned). */
    long heapBytes() {
        return 16 + 16 + ((data.length + 7) & ~7L);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateKey k && k.hash == hash && Arrays.equals(k.data, data);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
