package rcusim.litmus.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
