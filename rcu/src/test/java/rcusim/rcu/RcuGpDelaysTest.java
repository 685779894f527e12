package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** rcu_gp_slow()'s period and the delays' place in the configuration and its coverage list. */
class RcuGpDelaysTest {
    private static long gpSeq(long ctr, int state) {
        return (ctr << RcuSeq.CTR_SHIFT) | state;
    }

    @Test
    void aDelayActsEveryNodesTimesThreeTimesDelayGracePeriods() {
        // 3 rcu_nodes, delay 1: every 9th grace period; delay 2: every 18th
        for (long ctr = 0; ctr < 40; ctr++) {
            assertEquals(ctr % 9 == 0, RcuGpDelays.acts(gpSeq(ctr, 1), 3, 1), "ctr " + ctr);
            assertEquals(ctr % 18 == 0, RcuGpDelays.acts(gpSeq(ctr, 1), 3, 2), "ctr " + ctr);
        }
        assertFalse(RcuGpDelays.acts(gpSeq(0, 1), 3, 0), "0 is off");
    }

    /** rcu_seq_ctr() is unsigned: near the wrap the counter is a huge positive number, not a negative one. */
    @Test
    void thePeriodIsTakenOnTheUnsignedCounter() {
        long nearWrap = RcuSeq.startingAt(2); // two grace periods before the wrap
        long ctr = nearWrap >>> RcuSeq.CTR_SHIFT;
        assertEquals(Long.remainderUnsigned(ctr, 9) == 0, RcuGpDelays.acts(nearWrap, 3, 1));
        int acted = 0;
        for (int gp = 0; gp < 27; gp++) {
            acted += RcuGpDelays.acts(nearWrap + ((long) gp << RcuSeq.CTR_SHIFT), 3, 1) ? 1 : 0;
        }
        assertEquals(3, acted, "once in every 9 of 27 grace periods across the wrap");
    }

    @Test
    void negativeOrHugeDelaysAreRefusedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RcuGpDelays(0, -1, 0));
        assertTrue(e.getMessage().contains("rcutree.gp_init_delay"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RcuGpDelays(1001, 0, 0));
    }

    @Test
    void theDelaysEventsAreReachableOnlyWhenTheDelayIsOn() {
        RcuConfig off = RcuConfig.preemptibleDefaults();
        assertEquals(RcuGpDelays.NONE, off.gpDelays());
        assertFalse(RcuCoverage.reachableWith(off).contains(RcuCoverage.GP_INIT_DELAY));
        RcuConfig on = off.withGpDelays(new RcuGpDelays(0, 1, 0));
        assertTrue(RcuCoverage.reachableWith(on).contains(RcuCoverage.GP_INIT_DELAY));
        assertFalse(RcuCoverage.reachableWith(on).contains(RcuCoverage.GP_PREINIT_DELAY));
        assertFalse(RcuCoverage.reachableWith(on).contains(RcuCoverage.GP_CLEANUP_DELAY));
        // the other with* keep the delays
        assertEquals(on.gpDelays(), on.withFanout(2, 2).withStallTimeout(9).withNocbCpus("1").withMutation(null)
                .withGpSeqStart(2).gpDelays());
    }
}
