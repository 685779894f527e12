package rcusim.sched.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PackedIntsTest {
    @Test
    void roundTrips() {
        int[][] cases = {{}, {0}, {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 7}, new SplittableRandom(3).ints(5000).toArray()};
        for (int[] values : cases) {
            assertArrayEquals(values, PackedInts.decode(PackedInts.encode(values), values.length));
        }
    }

    /** A million decisions shaped like real ones stay a few megabytes. */
    @Test
    void aMillionDecisionsAreAFewMegabytes() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 1_000_000;
        int[] offered = r.ints(n, 2, 9).toArray();
        int[] chosen = new int[n];
        for (int i = 0; i < n; i++) {
            chosen[i] = r.nextInt(offered[i]);
        }
        int[] fingerprints = r.ints(n).toArray();
        long chars = PackedInts.encode(offered).length() + PackedInts.encode(chosen).length()
                + PackedInts.encode(fingerprints).length();
        assertTrue(chars < 8_000_000, chars + " characters");
    }

    @Test
    void aWrongCountOrDamageIsNamed() {
        String three = PackedInts.encode(new int[] {1, 2, 3});
        assertEquals("holds 3 values, expected 4",
                assertThrows(IllegalArgumentException.class, () -> PackedInts.decode(three, 4)).getMessage());
        assertEquals("holds more than the 2 values expected",
                assertThrows(IllegalArgumentException.class, () -> PackedInts.decode(three, 2)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PackedInts.decode("*not base64*", 1))
                .getMessage().startsWith("not base64"));
        String cut = PackedInts.encode(new SplittableRandom(2).ints(100).toArray());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PackedInts.decode(cut.substring(0, cut.length() / 2 / 4 * 4), 100)).getMessage()
                .startsWith("ends early"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PackedInts.decode(three, 1 << 28)).getMessage()
                .endsWith("cannot hold 268435456 values"));
    }
}
