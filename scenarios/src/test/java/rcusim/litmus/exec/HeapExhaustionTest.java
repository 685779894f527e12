package rcusim.litmus.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rcusim.litmus.parse.LitmusParser;
import rcusim.machine.memory.MemoryModel;

/**
 * The last line of defence: a search with no memory budget at all, in a small heap, runs out
 * of heap, drops its cache and reports MEMORY with what it found, and the JVM goes on. Slow
 * (30-60 s: the JVM collects hard before it gives up), so tagged; the budgets that keep the
 * CLI from ever getting here are tested in {@link SearchBudgetTest} and LitmusProcessTest.
 */
@Tag("slow")
class HeapExhaustionTest {
    @TempDir
    Path tmp;

    /** Run in a child JVM: an unbudgeted search of args[0], then a line with what it reports. */
    public static void main(String[] args) throws Exception {
        SearchBudget none = new SearchBudget(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, () -> false);
        LitmusResult r = new LitmusRunner(MemoryModel.WEAK, none).run(LitmusParser.parse(Path.of(args[0])));
        LitmusResult after = new LitmusRunner(MemoryModel.WEAK).run(LitmusParser.parse(Path.of(args[1])));
        System.out.println("stopped=" + r.stopped() + " states=" + r.states() + " executions=" + r.executions()
                + " then=" + after.verdict() + " complete=" + after.complete());
    }

    @Test
    void aSearchThatExhaustsTheHeapReportsMemoryAndTheJvmLivesOn() throws Exception {
        Path nine = Path.of(getClass().getResource("/litmus-cli/nine-threads.litmus").toURI());
        Path sb = Path.of(getClass().getResource("/litmus-cli/SB.litmus").toURI());
        Path out = tmp.resolve("out");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-Xss4m", "-cp", System.getProperty("java.class.path"), HeapExhaustionTest.class.getName(),
                nine.toString(), sb.toString())).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String o = Files.readString(out);
        assertEquals(0, p.exitValue(), o);
        assertTrue(o.contains("stopped=MEMORY"), o);
        assertTrue(o.contains("then=Sometimes complete=true"), o);
    }
}
