package rcusim.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TraceFlagsTest {

    private static String render(boolean irqsOff, boolean needResched, boolean hardirq, boolean softirq, boolean nmi,
            int depth) {
        return TraceFlags.render(TraceFlags.of(irqsOff, needResched, hardirq, softirq, nmi, depth));
    }

    @Test
    void noFlagsIsAllDots() {
        assertEquals("....", TraceFlags.render(TraceFlags.NONE));
        assertEquals("....", render(false, false, false, false, false, 0));
    }

    @Test
    void theBriefsExample() {
        assertEquals("d.h1", render(true, false, true, false, false, 1));
    }

    @Test
    void irqsOffColumn() {
        assertEquals("d...", render(true, false, false, false, false, 0));
        assertEquals("b...", TraceFlags.render(TraceFlags.BH_OFF));
        assertEquals("D...", TraceFlags.render(TraceFlags.BH_OFF | TraceFlags.IRQS_OFF));
    }

    @Test
    void needReschedColumn() {
        assertEquals(".N..", render(false, true, false, false, false, 0));
    }

    @Test
    void hardirqSoftirqColumnForEveryCombination() {
        // hardirq, softirq, nmi -> the kernel's character
        Object[][] table = {
            {false, false, false, '.'},
            {false, true, false, 's'},
            {true, false, false, 'h'},
            {true, true, false, 'H'},
            {false, false, true, 'z'},
            {false, true, true, 'z'},
            {true, false, true, 'Z'},
            {true, true, true, 'Z'},
        };
        for (Object[] row : table) {
            String s = render(false, false, (boolean) row[0], (boolean) row[1], (boolean) row[2], 0);
            assertEquals(".." + row[3] + ".", s, "hardirq=" + row[0] + " softirq=" + row[1] + " nmi=" + row[2]);
        }
    }

    @Test
    void preemptDepthIsOneHexDigitCappedAt15() {
        assertEquals("...1", render(false, false, false, false, false, 1));
        assertEquals("...9", render(false, false, false, false, false, 9));
        assertEquals("...a", render(false, false, false, false, false, 10));
        assertEquals("...f", render(false, false, false, false, false, 15));
        assertEquals("...f", render(false, false, false, false, false, 40));
        assertThrows(IllegalArgumentException.class, () -> TraceFlags.of(false, false, false, false, false, -1));
    }

    @Test
    void everyColumnDependsOnlyOnItsOwnInputs() {
        for (int bits = 0; bits < 32; bits++) {
            boolean irqsOff = (bits & 1) != 0;
            boolean needResched = (bits & 2) != 0;
            boolean hardirq = (bits & 4) != 0;
            boolean softirq = (bits & 8) != 0;
            boolean nmi = (bits & 16) != 0;
            for (int depth : new int[] {0, 3}) {
                String s = render(irqsOff, needResched, hardirq, softirq, nmi, depth);
                String base = render(false, false, hardirq, softirq, nmi, 0);
                assertEquals(4, s.length());
                assertEquals(irqsOff ? 'd' : '.', s.charAt(0), s);
                assertEquals(needResched ? 'N' : '.', s.charAt(1), s);
                assertEquals(base.charAt(2), s.charAt(2), s);
                assertEquals(depth == 0 ? '.' : '3', s.charAt(3), s);
            }
        }
    }

    @Test
    void migrateDisableIsTheFifthColumnOfALine() {
        int flags = TraceFlags.withMigrateDisable(TraceFlags.of(true, false, false, false, false, 1), 2);
        assertEquals("d..1", TraceFlags.render(flags));
        assertEquals(1, TraceFlags.preemptDepth(flags));
        assertEquals(2, TraceFlags.migrateDisableDepth(flags));
        StringBuilder sb = new StringBuilder();
        TraceFlags.appendColumns(sb, flags);
        assertEquals("d..12", sb.toString());
        sb.setLength(0);
        TraceFlags.appendColumns(sb, TraceFlags.withMigrateDisable(flags, 0));
        assertEquals("d..1.", sb.toString());
    }
}
