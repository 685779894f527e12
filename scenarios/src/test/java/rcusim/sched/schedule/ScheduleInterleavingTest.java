package rcusim.sched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.rcu.RcuCoverage;
import rcusim.sched.replay.ReplayFile;
import rcusim.sched.scenario.ScenarioRun;

/**
 * A hand-written schedule forces one interleaving of preemptible Tree RCU: the reader is
 * preempted inside its read-side critical section, the updater's synchronize_rcu() starts a
 * grace period that the GP kthread initialises while the reader is still inside, and only then
 * does the reader leave. The trace and the coverage show that it really happened.
 */
class ScheduleInterleavingTest {
    /** The schedule, also used by the command-line tests: src/test/resources/schedules/preempted-reader.sched. */
    static final String PREEMPTED_READER = text("/schedules/preempted-reader.sched");

    static String text(String resource) {
        try (java.io.InputStream in = ScheduleInterleavingTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + resource, e);
        }
    }

    static ScenarioRun run(String text, long seed) {
        ScheduleFile f = ScheduleFile.of(new ReplayFile.ScheduleText("preempted.sched", 1, text));
        return f.run(new PreemptedReader(), seed, true);
    }

    @Test
    void readerPreemptedInsideItsCriticalSectionBlocksTheGracePeriod() {
        for (long seed = 1; seed <= 3; seed++) {
            ScenarioRun r = run(PREEMPTED_READER, seed);
            assertTrue(r.passed(), r.result().describe());
            assertTrue(r.coverage().contains(RcuCoverage.READER_PREEMPTED.text()), r.coverage().toString());
            assertTrue(r.coverage().contains(RcuCoverage.UNBLOCK_QS_RNP.text()),
                    "the reader left blkd_tasks as the last one blocking the grace period: " + r.coverage());
            List<String> order = List.of("1 label reader_in_cs", "1 schedule raises reschedule",
                    "1 irq_handler_entry reschedule", "0 label sync_start", "* label rcu_gp_init_done",
                    "1 label reader_unlock", "1 label reader_done", "* label rcu_gp_end", "0 label sync_done");
            int at = -1;
            for (String event : order) {
                int next = indexOf(r.trace(), event, at);
                assertTrue(next > at, "'" + event + "' after line " + at + " in the trace of seed " + seed);
                at = next;
            }
        }
    }

    /** Without the schedule the reader usually finishes before the grace period starts. */
    @Test
    void theScheduleIsWhatMakesIt() {
        int preempted = 0;
        for (long seed = 1; seed <= 20; seed++) {
            ScenarioRun r = ScenarioRun.run(new PreemptedReader(), seed, false);
            preempted += r.coverage().contains(RcuCoverage.UNBLOCK_QS_RNP.text()) ? 1 : 0;
        }
        assertTrue(preempted < 20, "every random run did it anyway; the test above would prove nothing");
    }

    /** A tracepoint condition ends its step when the event comes (the next line is then reached), and only then. */
    @Test
    void untilTracepointWaitsForTheEventAndItsWord() {
        ScheduleStuckException reached = org.junit.jupiter.api.Assertions.assertThrows(ScheduleStuckException.class,
                () -> run("until tracepoint rcu_grace_period start\nthen stop\n", 1));
        assertEquals(2, reached.line(), reached.getMessage());
        ScheduleStuckException never = org.junit.jupiter.api.Assertions.assertThrows(ScheduleStuckException.class,
                () -> run("until tracepoint rcu_grace_period no_such_word\n", 1));
        assertEquals(1, never.line(), never.getMessage());
        assertTrue(never.getMessage().endsWith("trace event rcu_grace_period with no_such_word was never emitted"),
                never.getMessage());
    }

    @Test
    void sameScheduleSameSeedSameRun() {
        assertEquals(run(PREEMPTED_READER, 7).trace(), run(PREEMPTED_READER, 7).trace());
    }

    /**
     * Position (line index) of the first trace line "DECISION CPU EVENT" after line from whose
     * "CPU EVENT" is event ("* EVENT": on any CPU), or -1.
     */
    private static int indexOf(String trace, String event, int from) {
        List<String> lines = trace.lines().toList();
        boolean anyCpu = event.startsWith("* ");
        String what = anyCpu ? event.substring(2) : event;
        for (int i = from + 1; i < lines.size(); i++) {
            String l = lines.get(i);
            String rest = l.substring(l.indexOf(' ') + 1);
            if (anyCpu ? rest.substring(rest.indexOf(' ') + 1).equals(what) : rest.equals(what)) {
                return i;
            }
        }
        return -1;
    }
}
