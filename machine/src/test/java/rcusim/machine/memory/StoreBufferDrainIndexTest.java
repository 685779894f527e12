package rcusim.machine.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The one-pass index of drainable entries ({@link StoreBuffer#indexDrainableWeak}) lists
 * exactly the entries the per-entry rule ({@link StoreBuffer#drainableWeak}) allows, over
 * random buffers of stores, release stores and smp_wmb()s, as entries are added and removed.
 */
class StoreBufferDrainIndexTest {

    @Test
    void indexMatchesTheRuleEntryByEntry() {
        SplittableRandom rnd = new SplittableRandom(42);
        int blockedSome = 0;
        for (int trial = 0; trial < 2000; trial++) {
            StoreBuffer b = new StoreBuffer();
            for (int op = 0; op < 40; op++) {
                int p = rnd.nextInt(10);
                if (p < 6) {
                    b.add(rnd.nextInt(5), op, rnd.nextInt(8) == 0);
                } else if (p < 8) {
                    b.wmbPending = true;
                } else if (b.size > 0) {
                    b.remove(rnd.nextInt(b.size));
                }
                StoreBuffer view = b;
                int[] expected = IntStream.range(0, b.size).filter(view::drainableWeak).toArray();
                int n = b.indexDrainableWeak();
                assertArrayEquals(expected, java.util.Arrays.copyOf(b.drainableAt, n), "trial " + trial + " op " + op);
                if (n < b.size) {
                    blockedSome++;
                }
            }
        }
        assertTrue(blockedSome > 1000, "the random buffers rarely held a blocked entry: " + blockedSome);
    }

    /**
     * The index as the memory system keeps it: built once, then kept up to date as entries are
     * added (rebuilt only after a removal), against the per-entry rule after every change, on
     * buffers long enough for the hashed pass.
     */
    @Test
    void indexKeptAcrossAddsMatchesTheRule() {
        SplittableRandom rnd = new SplittableRandom(7);
        int kept = 0;
        int longBuffers = 0;
        for (int trial = 0; trial < 2000; trial++) {
            StoreBuffer b = new StoreBuffer();
            for (int op = 0; op < 60; op++) {
                int p = rnd.nextInt(10);
                if (p < 7) {
                    b.add(rnd.nextInt(12), op, rnd.nextInt(10) == 0);
                } else if (p < 8) {
                    b.wmbPending = true;
                } else if (b.size > 0) {
                    b.remove(rnd.nextInt(b.size));
                }
                if (b.drainableCache < 0) {
                    b.drainableCache = b.indexDrainableWeak();
                } else {
                    kept++;
                }
                if (b.size > 8) {
                    longBuffers++;
                }
                StoreBuffer view = b;
                int[] expected = IntStream.range(0, b.size).filter(view::drainableWeak).toArray();
                assertArrayEquals(expected, java.util.Arrays.copyOf(b.drainableAt, b.drainableCache),
                        "trial " + trial + " op " + op);
            }
        }
        assertTrue(kept > 10_000 && longBuffers > 10_000, "kept " + kept + ", long buffers " + longBuffers);
    }
}
