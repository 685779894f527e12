package rcusim.machine.memory;

import java.util.Arrays;

/**
 * Which CPU holds each spinlock word. The word itself only says "taken"; the holder is what an
 * unlock is checked against and what a deadlock report names. Kept beside the memory so that
 * a copied memory state (the litmus explorer branches) carries its holders along.
 */
public final class LockHolders {
    /** Per location, the holder's CPU plus one; 0 while free (so growing needs no fill). */
    private int[] holderPlusOne;

    LockHolders() {
        holderPlusOne = new int[0];
    }

    private LockHolders(LockHolders o) {
        holderPlusOne = o.holderPlusOne.clone();
    }

    LockHolders copy() {
        return new LockHolders(this);
    }

    /** The CPU holding the lock word at location l, or -1 if none does. */
    public int holder(int l) {
        return l >= 0 && l < holderPlusOne.length ? holderPlusOne[l] - 1 : -1;
    }

    void take(int l, int cpu) {
        if (l >= holderPlusOne.length) {
            holderPlusOne = Arrays.copyOf(holderPlusOne, Math.max(l + 1, holderPlusOne.length * 2));
        }
        holderPlusOne[l] = cpu + 1;
    }

    void release(int l) {
        if (l < holderPlusOne.length) {
            holderPlusOne[l] = 0;
        }
    }

    /** Appends the holders of locations 0 to locations - 1, for a state's canonical encoding. */
    void encode(LongArrayBuilder out, int locations) {
        for (int l = 0; l < locations; l++) {
            out.add(holder(l));
        }
    }
}
