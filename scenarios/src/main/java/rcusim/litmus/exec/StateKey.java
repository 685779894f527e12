package rcusim.litmus.exec;

import java.util.Arrays;

/** A state's canonical encoding, usable as a hash key. */
final class StateKey {
    private final long[] data;
    private final int hash;

    StateKey(long[] data) {
        this.data = data;
        this.hash = Arrays.hashCode(data);
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
