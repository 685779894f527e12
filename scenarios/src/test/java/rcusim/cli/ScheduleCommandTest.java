package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import rcusim.scenarios.builtin.Catalog;
import rcusim.sched.schedule.OfflineCpu;
import rcusim.sched.schedule.PreemptedReader;

/** {@code rcusim run --schedule}, {@code run --replay-out} and {@code replay --schedule-out}. */
class ScheduleCommandTest {
    private static final Catalog CATALOG = Catalog.of(new PreemptedReader(), new OfflineCpu());
    private static final Pattern FAILED = Pattern.compile("FAILED at decision \\d+ \\(step \\d+\\): .*");

    @TempDir
    Path dir;

    private static Outcome onTestCatalog(Callable<Integer> command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine root = Main.commandLine(new PrintWriter(out), new PrintWriter(err));
        CommandLine cl = new CommandLine(command);
        cl.setOut(root.getOut());
        cl.setErr(root.getErr());
        cl.setExecutionExceptionHandler(root.getExecutionExceptionHandler());
        int code = Main.execute(cl, args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private static Outcome run(String... args) {
        return onTestCatalog(new RunCommand(CATALOG), args);
    }

    private static Outcome replay(String... args) {
        return onTestCatalog(new ReplayCommand(CATALOG), args);
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String failure(Outcome o) {
        Matcher m = FAILED.matcher(o.out());
        assertTrue(m.find(), o.out() + o.err());
        return m.group();
    }

    /** A random failure, written out as a schedule, fails the same way at the same decision and step. */
    @Test
    void aScheduleWrittenOutOfARandomFailureReproducesIt() throws IOException {
        Path recorded = dir.resolve("f.replay.json");
        Outcome random = Outcome.rcusim("run", "torture", "--inject", "sync-returns-at-once", "--seed", "1",
                "--replay-out", recorded.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, random.code(), random.out() + random.err());
        Path sched = dir.resolve("f.sched");
        Outcome written = Outcome.rcusim("replay", recorded.toString(), "--schedule-out", sched.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, written.code(), written.out() + written.err());
        String text = Files.readString(sched);
        assertTrue(text.contains("\nstep cpu ") && text.contains(" x ") && text.endsWith("then stop\n"), text.substring(0, 500));
        assertTrue(text.contains("# run it: ./rcusim run torture --seed 1 --inject sync-returns-at-once --schedule "), text);

        Outcome again = Outcome.rcusim("run", "torture", "--inject", "sync-returns-at-once", "--seed", "1",
                "--schedule", sched.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, again.code(), again.out() + again.err());
        assertEquals(failure(random), failure(again));

        // one step removed: it still fails the same way, or it stops naming the line that no longer matches
        List<String> lines = new ArrayList<>(text.lines().toList());
        int removed = lines.size() / 3;
        while (!lines.get(removed).startsWith("step cpu")) {
            removed++;
        }
        lines.remove(removed);
        Path edited = file("edited.sched", String.join("\n", lines) + "\n");
        Outcome e = Outcome.rcusim("run", "torture", "--inject", "sync-returns-at-once", "--seed", "1",
                "--schedule", edited.toString());
        if (e.code() == ExitCodes.FAILURE_FOUND) {
            assertEquals(failure(random).replaceAll("at decision \\d+ \\(step \\d+\\)", ""),
                    failure(e).replaceAll("at decision \\d+ \\(step \\d+\\)", ""));
        } else {
            assertEquals(ExitCodes.BAD_INPUT, e.code(), e.out() + e.err());
            Matcher m = Pattern.compile(Pattern.quote(edited.toString()) + ":(\\d+):1: step '[^']+' cannot be taken at step \\d+"
                    + " \\(decision \\d+\\): ").matcher(e.err());
            assertTrue(m.find(), e.err());
            assertTrue(Integer.parseInt(m.group(1)) > removed, "stops at or after the edit: " + e.err());
        }
    }

    /** A run under a schedule (which raises interrupts on demand) replays, and writes out to a schedule that runs the same. */
    @Test
    void aScheduledRunReplaysAndWritesOutWithItsRaisedInterrupts() throws IOException {
        Path sched = file("p.sched", new String(ScheduleCommandTest.class.getResourceAsStream(
                "/schedules/preempted-reader.sched").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        Path rec = dir.resolve("p.replay.json");
        Path trace1 = dir.resolve("t1");
        Outcome first = run("preempted-reader", "--seed", "5", "--schedule", sched.toString(), "--replay-out", rec.toString(),
                "--trace", trace1.toString());
        assertEquals(ExitCodes.PASS, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("schedule " + sched + ", then random"), first.out());
        assertTrue(Files.readString(rec).contains("\"schedule\""), "the replay file keeps the schedule");

        Path out = dir.resolve("p2.sched");
        Outcome r = replay(rec.toString(), "--schedule-out", out.toString());
        assertEquals(ExitCodes.PASS, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("reproduced: passed, as recorded"), r.out());
        String written = Files.readString(out);
        assertTrue(written.contains("raise resched cpu 1 at step ") && written.contains("raise tick cpu 0 at step "), written);

        Path trace2 = dir.resolve("t2");
        Outcome second = run("preempted-reader", "--seed", "5", "--schedule", out.toString(), "--trace", trace2.toString());
        assertEquals(ExitCodes.PASS, second.code(), second.out() + second.err());
        assertEquals(body(trace1), body(trace2));
    }

    /** A CPU goes offline during grace-period initialisation, where the schedule says; written out, the run is the same. */
    @Test
    void hotplugStepsTakeACpuDownDuringGracePeriodInitialisation() throws IOException {
        Path sched = file("hp.sched", """
                until label rcu_gp_onoff     # the GP kthread is in rcu_gp_init(), at the ONOFF pass
                offline cpu 1                # cpu_down(1) from a control task on CPU 0, every CPU in turn until done
                until label rcu_gp_end
                online cpu 1
                """);
        Path rec = dir.resolve("hp.replay.json");
        Path trace1 = dir.resolve("hp1");
        Outcome o = Outcome.rcusim("run", "gp-2cpu", "--schedule", sched.toString(), "--replay-out", rec.toString(),
                "--trace", trace1.toString());
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        List<String> events = Files.readString(trace1).lines().filter(l -> !l.startsWith("#"))
                .map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        int onoff = events.indexOf("0 label rcu_gp_onoff");
        int start = events.indexOf("0 schedule starts cpu_down(1)");
        int dead = events.indexOf("1 label rcutree_report_cpu_dead");
        int initDone = events.indexOf("0 label rcu_gp_init_done");
        int up = events.indexOf("0 schedule starts add_cpu(1)");
        assertTrue(onoff >= 0 && onoff < start && start < dead && dead < initDone && initDone < up, events.toString());

        Path out = dir.resolve("hp2.sched");
        Outcome r = Outcome.rcusim("replay", rec.toString(), "--schedule-out", out.toString());
        assertEquals(ExitCodes.PASS, r.code(), r.out() + r.err());
        assertTrue(Files.readString(out).contains("start offline cpu 1 from cpu 0 at step "), Files.readString(out));
        Path trace2 = dir.resolve("hp2");
        Outcome again = Outcome.rcusim("run", "gp-2cpu", "--schedule", out.toString(), "--trace", trace2.toString());
        assertEquals(ExitCodes.PASS, again.code(), again.out() + again.err());
        assertEquals(body(trace1), body(trace2));

        Path twice = file("twice.sched", "offline cpu 1\noffline cpu 1\n");
        Outcome bad = Outcome.rcusim("run", "gp-2cpu", "--schedule", twice.toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().startsWith(twice + ":2:1: step 'offline cpu 1' cannot be taken"), bad.err());
        assertTrue(bad.err().contains("CPU 1 is already offline"), bad.err());
    }

    private static String body(Path trace) throws IOException {
        return Files.readString(trace).lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }

    private void assertStuck(String scenario, String schedule, String where, String why) throws IOException {
        Path p = file("s.sched", schedule);
        Outcome o = run(scenario, "--schedule", p.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code(), o.out() + o.err());
        assertTrue(o.err().startsWith(p + ":" + where + ": "), o.err());
        assertTrue(o.err().contains(why), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertFalse(o.out().contains("FAILED"), o.out());
    }

    @Test
    void eachStepTheRunCannotTakeNamesItsLineAndExits3() throws IOException {
        assertStuck("offline-cpu", "until label offline_done\n\nstep cpu 1\n", "3:1", "CPU 1 is offline");
        assertStuck("offline-cpu", "until label offline_done\n  tick cpu 1\n", "2:3", "CPU 1 is offline");
        assertStuck("preempted-reader", "run updater until blocked\nrun updater until label sync_done\n", "2:1",
                "task updater is not runnable (UNINTERRUPTIBLE)");
        assertStuck("preempted-reader", "run reader until label reader_in_cs\nrun nobody until exit\n", "2:1",
                "no task named nobody");
        assertStuck("preempted-reader", "# never\nuntil label no_such_label\n", "2:1",
                "the run ended (every workload task finished) first: label no_such_label was never passed");
        assertStuck("preempted-reader", "drain cpu 0 all\n", "1:1", "nothing to drain: CPU 0's store buffer is empty");
        assertStuck("preempted-reader", "run reader until exit\npreempt cpu 1\n", "2:1", "CPU 1 runs its idle task");
        assertStuck("preempted-reader", "step cpu 0\nthen stop\n", "2:1",
                "the schedule ended ('then stop') but the run asks for another decision");
        assertStuck("preempted-reader", "step cpu 1\nstep cpu 2\n", "2:1", "CPU 2 is out of range (the machine has CPUs 0 to 1)");
    }

    @Test
    void anUnreadableOrMalformedScheduleExits3BeforeAnyRun() throws IOException {
        Outcome missing = run("preempted-reader", "--schedule", dir.resolve("nope.sched").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("nope.sched: cannot read the schedule"), missing.err());
        Path bad = file("bad.sched", "step cpu 0\npreempt 1\n");
        Outcome o = run("preempted-reader", "--schedule", bad.toString());
        assertEquals(ExitCodes.BAD_INPUT, o.code());
        assertEquals(bad + ":2:9: expected 'cpu', found '1'\n", o.err());
        assertEquals("", o.out(), "nothing ran");
    }
}
