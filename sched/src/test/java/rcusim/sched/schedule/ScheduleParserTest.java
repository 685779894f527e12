package rcusim.sched.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.machine.Vector;
import rcusim.machine.decide.OptionKind;

class ScheduleParserTest {
    private static Schedule parse(String text) {
        return ScheduleParser.parse(text, "t.sched", 1);
    }

    private static ScheduleException error(String text) {
        return assertThrows(ScheduleException.class, () -> parse(text));
    }

    @Test
    void everyStepParsesAndPrintsBackAsWritten() {
        String text = """
                step cpu 1
                step cpu 1 x 40
                drain cpu 0
                drain cpu 2 entry 3 x 2
                drain cpu 0 all
                irq tick cpu 1
                irq resched cpu 0
                irq ipi cpu 2
                irq irq_work cpu 3 x 2
                tick cpu 1
                tick cpu 1 resched
                preempt cpu 1
                raise tick cpu 0
                raise resched cpu 1 at step 1234
                read cpu 1 value 2
                resched cpu 0 yes
                resched cpu 0 no
                place cpu 1 choice 1
                pick cpu 0 choice 2
                offline cpu 3
                online cpu 3 from cpu 1
                start offline cpu 2 from cpu 0 at step 99
                start online cpu 2
                run reader until label after_lock
                run updater until blocked
                run reader until exit
                until tracepoint rcu_grace_period start
                until tracepoint rcu_grace_period
                until label rcu_gp_init
                freeze cpu 2 choice 5
                then pct:3
                """;
        Schedule s = parse(text);
        assertEquals(text, s.format());
        assertEquals("pct:3", s.tail());
        assertTrue(s.needsTracing());
        assertEquals(new Step.Move(2, 1, OptionKind.STEP, 1, 0, 40), s.steps().get(1));
        assertEquals(new Step.Move(9, 1, OptionKind.INTERRUPT, 3, Vector.IRQ_WORK.ordinal(), 2), s.steps().get(8));
        assertEquals(new Step.Raise(14, 1, Vector.RESCHEDULE, 1, 1234), s.steps().get(13));
        assertEquals(new Step.Hotplug(22, 1, true, 2, 0, 99, false), s.steps().get(21));
    }

    @Test
    void commentsBlankLinesAndIndentationAreIgnoredAndTheTailDefaultsToRandom() {
        Schedule s = parse("# a comment\n\n   step cpu 0   # why\n\tpreempt cpu 1\n");
        assertEquals(List.of(new Step.Move(3, 4, OptionKind.STEP, 0, 0, 1), new Step.Preempt(4, 2, 1)), s.steps());
        assertEquals(Schedule.DEFAULT_TAIL, s.tail());
        assertEquals(0, s.tailLine());
        assertTrue(!s.needsTracing());
    }

    @Test
    void linesCountFromFirstLineForABlockInsideAnotherFile() {
        ScheduleException e = assertThrows(ScheduleException.class,
                () -> ScheduleParser.parse("step cpu 0\n  stpe cpu 1\n", "torture.scn", 41));
        assertEquals("torture.scn:42:3: unknown step 'stpe'; expected step, drain, irq, tick, preempt, raise, read,"
                + " resched, place, pick, freeze, offline, online, start, run, until or then", e.getMessage());
        assertEquals(42, e.line());
        assertEquals(3, e.col());
    }

    @Test
    void eachSyntaxErrorNamesLineColumnAndWhatWasExpected() {
        assertEquals("t.sched:1:10: expected a CPU number (0 to 4095), found 'one'", error("step cpu one").getMessage());
        assertEquals("t.sched:1:6: expected 'cpu', found 'CPU'", error("step CPU 1").getMessage());
        assertEquals("t.sched:1:9: expected a CPU number at the end of the line", error("step cpu").getMessage());
        assertEquals("t.sched:1:14: expected a repeat count (1 to 2147483647), found '0'", error("step cpu 1 x 0").getMessage());
        assertEquals("t.sched:1:12: unexpected 'now' after a complete step", error("step cpu 1 now").getMessage());
        assertEquals("t.sched:2:5: unknown interrupt 'nmi'; expected tick, resched, ipi, irq_work",
                error("\nirq nmi cpu 1").getMessage());
        assertEquals("t.sched:1:7: unknown interrupt 'ipi'; expected tick or resched", error("raise ipi cpu 1").getMessage());
        assertEquals("t.sched:1:7: 'until blocked' needs a task: run TASK until blocked", error("until blocked").getMessage());
        assertEquals("t.sched:1:18: unknown condition 'lable'; expected label NAME, blocked, exit or tracepoint EVENT [WORD]",
                error("run reader until lable x").getMessage());
        assertEquals("t.sched:1:12: expected 'until', found 'to'", error("run reader to label x").getMessage());
        assertEquals("t.sched:1:15: expected yes or no, found 'maybe'", error("resched cpu 1 maybe").getMessage());
        assertEquals("t.sched:1:6: unknown strategy 'chaos' after 'then'; expected random, pct:D, pct:D:K or stop",
                error("then chaos").getMessage());
        assertTrue(error("then exhaustive:2").getMessage().startsWith("t.sched:1:6: 'exhaustive:2' is a search over many runs"));
        assertEquals("t.sched:1:7: expected offline or online after 'start', found 'up'", error("start up cpu 1").getMessage());
        assertEquals("t.sched:2:1: nothing may follow the 'then' line (line 1)", error("then random\nstep cpu 0").getMessage());
    }
}
