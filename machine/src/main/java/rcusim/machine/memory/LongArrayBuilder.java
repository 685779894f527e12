package rcusim.machine.memory;

import java.util.Arrays;

/** A growable long[]: the canonical encoding of a machine state, for state caching. */
public final class LongArrayBuilder {
    private long[] data = new long[64];
    private int size;

    public void add(long v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    public void clear() {
        size = 0;
    }

    public long[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
