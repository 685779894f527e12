package rcusim.litmus.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rcusim.litmus.ast.LitmusTest;
import rcusim.litmus.parse.LitmusParser;
import rcusim.machine.memory.MemoryModel;

/** The search stops at each of its budgets and says which; a complete one reports the same as before. */
class SearchBudgetTest {
    private static LitmusTest test(String name) throws Exception {
        try {
            return LitmusParser.parse(Path.of(SearchBudgetTest.class.getResource("/litmus-cli/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMemoryBudgetStopsTheSearchInsteadOfRunningOutOfHeap() throws Exception {
        SearchBudget fourMiB = new SearchBudget(Long.MAX_VALUE, 4 << 20, Long.MAX_VALUE, () -> false);
        LitmusResult r = new LitmusRunner(MemoryModel.WEAK, fourMiB).run(test("nine-threads.litmus"));
        assertEquals(StopReason.MEMORY, r.stopped());
        assertTrue(r.states() > 1000, "it got somewhere: " + r.states());
    }

    @Test
    void aDeepSearchCountsItsStackAgainstTheMemoryBudget(@TempDir Path tmp) throws Exception {
        // One thread of 50,000 stores: the first path is 50,000 states deep before anything is cached.
        StringBuilder b = new StringBuilder("C deep\n\n{}\n\nP0(int *x)\n{\n");
        b.append("\tWRITE_ONCE(*x, 1);\n".repeat(50_000));
        b.append("}\n\nP1(int *x)\n{\n\tint r0;\n\tr0 = READ_ONCE(*x);\n}\n\nexists (1:r0=1)\n");
        Path f = Files.writeString(tmp.resolve("deep.litmus"), b);
        SearchBudget twoMiB = new SearchBudget(Long.MAX_VALUE, 2 << 20, Long.MAX_VALUE, () -> false);
        LitmusResult r = new LitmusRunner(MemoryModel.WEAK, twoMiB).run(LitmusParser.parse(f));
        assertEquals(StopReason.MEMORY, r.stopped());
        assertTrue(r.states() < 20_000, "stopped on the way down, at " + r.states() + " states");
    }

    @Test
    void cancellationStopsTheSearchAsInterrupted() throws Exception {
        SearchBudget cancelled = new SearchBudget(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, () -> true);
        LitmusResult r = new LitmusRunner(MemoryModel.WEAK, cancelled).run(test("nine-threads.litmus"));
        assertEquals(StopReason.INTERRUPTED, r.stopped());
    }

    @Test
    void aBudgetLargeEnoughChangesNothing() throws Exception {
        LitmusResult capped = new LitmusRunner(MemoryModel.WEAK, new SearchBudget(1_000_000, 64 << 20,
                60_000_000_000L, () -> false)).run(test("SB.litmus"));
        LitmusResult plain = new LitmusRunner(MemoryModel.WEAK).run(test("SB.litmus"));
        assertTrue(capped.complete() && plain.complete());
        assertEquals(plain.outcomes(), capped.outcomes());
        assertEquals(plain.states(), capped.states());
    }
}
