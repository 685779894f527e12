package rcusim.litmus.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rcusim.litmus.ast.LitmusTest;
import rcusim.litmus.axiom.AxiomaticRunner;
import rcusim.litmus.parse.LitmusParser;
import rcusim.machine.memory.MemoryModel;

/**
 * The power mode's propagation and cumulativity on classic shapes of three and four threads.
 * Each shape's expected verdict is LKMM's, checked here against the axiomatic engine as well,
 * and the weak mode's verdict is given beside it: where the two modes differ, the outcome needs
 * a store visible to some CPUs before others.
 */
class PowerModeShapesTest {
    static final String W1 = "WRITE_ONCE(*x, 1);";

    private static String test(String name, String exists, String... threads) {
        StringBuilder sb = new StringBuilder("C " + name + "\n\n{}\n\n");
        for (int t = 0; t < threads.length; t++) {
            sb.append("P").append(t).append("(int *x, int *y, int *z)\n{\n\tint r0;\n\tint r1;\n")
                    .append(threads[t].replace(";", ";\n")).append("}\n\n");
        }
        return sb.append("exists (").append(exists).append(")\n").toString();
    }

    private static final String IRIW_READS = "2:r0=1 /\\ 2:r1=0 /\\ 3:r0=1 /\\ 3:r1=0";
    private static final String WRC_READS = "1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0";

    static String source(String shape, String p0, String p1, String p2, String p3) {
        return switch (shape) {
            case "IRIW" -> test(shape, IRIW_READS, W1, "WRITE_ONCE(*y, 1);",
                    "r0 = READ_ONCE(*x);" + p2 + "r1 = READ_ONCE(*y);",
                    "r0 = READ_ONCE(*y);" + p3 + "r1 = READ_ONCE(*x);");
            case "WRC" -> test(shape, WRC_READS, W1, "r0 = READ_ONCE(*x);" + p1,
                    "r0 = READ_ONCE(*y);" + p2 + "r1 = READ_ONCE(*x);");
            // R: the second store to y is coherence-after the first, but x need not have reached P1
            case "R" -> test(shape, "y=2 /\\ 1:r0=0", "WRITE_ONCE(*x, 1);" + p0 + "WRITE_ONCE(*y, 1);",
                    "WRITE_ONCE(*y, 2);" + p1 + "r0 = READ_ONCE(*x);");
            // B-cumulativity of smp_mb() (smp_wmb() has none): P1 passes y on (a data dependency) after reading it
            case "WRC-B" -> test(shape, "1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0",
                    "WRITE_ONCE(*x, 1);" + p0 + "WRITE_ONCE(*y, 1);", "r0 = READ_ONCE(*y);WRITE_ONCE(*z, r0);",
                    "r0 = READ_ONCE(*z);" + p2 + "r1 = READ_ONCE(*x);");
            // a release's cumulativity carried on through an smp_wmb() to a later plain store
            case "WRC-chain" -> test(shape, WRC_READS, W1, "r0 = READ_ONCE(*x);smp_store_release(z, 1);" + p1,
                    "r0 = READ_ONCE(*y);" + p2 + "r1 = READ_ONCE(*x);");
            case "SB" -> test(shape, "0:r1=0 /\\ 1:r1=0", "r0 = " + p0 + "(x, 1);r1 = READ_ONCE(*y);",
                    "r0 = " + p0 + "(y, 1);r1 = READ_ONCE(*x);");
            default -> throw new IllegalArgumentException(shape);
        };
    }

    @ParameterizedTest(name = "{0} {1}/{2}/{3}/{4}: lkmm {5}, weak {6}")
    @CsvSource(delimiter = '|', value = {
        // IRIW: allowed without ordering and with smp_rmb() (not strong), forbidden with smp_mb()
        "IRIW|        |                          |smp_rmb();|smp_rmb();|Sometimes|Never",
        "IRIW|        |                          |          |          |Sometimes|Sometimes",
        "IRIW|        |                          |smp_mb(); |smp_mb(); |Never    |Never",
        // WRC: a data dependency is not cumulative; a release and smp_mb() are (A-cumulativity)
        "WRC |        |WRITE_ONCE(*y, r0);       |smp_rmb();|          |Sometimes|Never",
        "WRC |        |smp_store_release(y, 1);  |smp_rmb();|          |Never    |Never",
        "WRC |        |smp_mb();WRITE_ONCE(*y, 1);|smp_rmb();|         |Never    |Never",
        "WRC |        |smp_wmb();WRITE_ONCE(*y, 1);|smp_rmb();|        |Sometimes|Never",
        "WRC-chain|   |smp_wmb();WRITE_ONCE(*y, 1);|smp_rmb();|        |Never    |Never",
        "WRC-B|smp_mb();|                        |smp_rmb();|          |Never    |Never",
        "WRC-B|smp_wmb();|                       |smp_rmb();|          |Sometimes|Never",
        // R: needs strong fences on both sides
        "R   |smp_wmb();|smp_mb();                |          |          |Sometimes|Never",
        "R   |smp_mb(); |smp_mb();                |          |          |Never    |Never",
        // SB with fully ordered RMWs: smp_mb() on both sides; acquire RMWs are not
        "SB  |xchg    |                          |          |          |Never    |Never",
        "SB  |xchg_acquire|                      |          |          |Sometimes|Never",
    })
    void powerReachesWhatLkmmAllowsOfTheShape(String shape, String p0, String p1, String p2, String p3,
            String lkmm, String weak) throws Exception {
        String src = source(shape.trim(), trim(p0), trim(p1), trim(p2), trim(p3));
        LitmusTest test = LitmusParser.parse(shape.trim() + ".litmus", src);
        LitmusResult axiom = new AxiomaticRunner().run(test);
        LitmusResult power = new LitmusRunner(MemoryModel.POWER).run(test);
        LitmusResult weakRun = new LitmusRunner(MemoryModel.WEAK).run(test);
        assertTrue(axiom.complete() && power.complete() && weakRun.complete(), src);
        assertEquals(lkmm.trim(), axiom.verdict().toString(), "LKMM's verdict\n" + src);
        assertEquals(lkmm.trim(), power.verdict().toString(), "the power mode\n" + src);
        assertEquals(weak.trim(), weakRun.verdict().toString(), "the weak mode\n" + src);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
