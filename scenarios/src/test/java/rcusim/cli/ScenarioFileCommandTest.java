package rcusim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rcusim run/explore/replay/check on scenario files, and a bad file of each error class. */
class ScenarioFileCommandTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            machine {
                description = "two tasks and a grace period";
                cpus = 2;
                stall_timeout = 500;
            }
            struct foo { int a; struct rcu_head rh; };
            struct foo *gp;
            task updater cpu 0 {
                struct foo *p = kmalloc(sizeof(*p), GFP_KERNEL);
                p->a = 1;
                rcu_assign_pointer(gp, p);
                synchronize_rcu();
                rcu_assign_pointer(gp, NULL);
                synchronize_rcu();
                kfree(p);
            }
            task reader cpu 1 {
                for (int i = 0; i < 10; i++) {
                    rcu_read_lock();
                    struct foo *q = rcu_dereference(gp);
                    if (q)
                        BUG_ON(READ_ONCE(q->a) != 1);
                    rcu_read_unlock();
                }
            }
            must pass;
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void runsAFileByItsPathAndMeetsItsExpectation() throws IOException {
        Path f = write("good.scn", GOOD);
        Outcome o = Outcome.rcusim("run", f.toString(), "--runs", "3");
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        assertTrue(o.out().startsWith("rcusim run " + f + ": two tasks and a grace period\n"), o.out());
        assertTrue(o.out().contains(f + ": 3 runs, 3 passed, 0 failed"), o.out());
        assertTrue(o.out().endsWith("expectation: must pass: met\n"), o.out());
    }

    @Test
    void aFailureNamesTheReproduceCommandAndTheExpectationIsNotMet() throws IOException {
        Path f = write("good.scn", GOOD);
        Outcome o = Outcome.rcusim("run", f.toString(), "--inject", "sync-returns-at-once", "--runs", "20",
                "--stop-on-first");
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("reproduce: ./rcusim run " + f + " --seed "), o.out());
        assertTrue(o.out().contains("expectation: must pass: NOT met"), o.out());
    }

    @Test
    void mustFailWithIsMetByARunFailingThatWay() throws IOException {
        Path f = write("fails.scn", "int x;\ntask t cpu 0 { WRITE_ONCE(x, 1); BUG_ON(READ_ONCE(x) == 1); }\n"
                + "must fail with \"BUG_ON at\";\n");
        Outcome o = Outcome.rcusim("run", f.toString(), "--runs", "2");
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        assertTrue(o.out().endsWith("expectation: must fail with \"BUG_ON at\": met, 2 of 2 runs failed with it\n"), o.out());
        Files.writeString(f, Files.readString(f).replace("BUG_ON at", "WARNING"));
        Outcome other = Outcome.rcusim("run", f.toString());
        assertTrue(other.out().endsWith("expectation: must fail with \"WARNING\": NOT met, no run failed with it\n"),
                other.out());
    }

    @Test
    void runWritesFtraceAndPerfetto() throws IOException {
        Path f = write("good.scn", GOOD);
        Path ft = dir.resolve("t.txt");
        Path pf = dir.resolve("t.json");
        Outcome o = Outcome.rcusim("run", f.toString(), "--ftrace", ft.toString(), "--perfetto", pf.toString());
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        assertTrue(Files.readString(ft).contains("rcu_grace_period"), "an ftrace text with RCU's events");
        assertTrue(Files.readString(pf).startsWith("{"), "a JSON timeline");
    }

    @Test
    void checkPrintsTheEffectiveConfigurationAndRunsNothing() throws IOException {
        Path f = write("good.scn", GOOD);
        Outcome o = Outcome.rcusim("check", f.toString());
        assertEquals(ExitCodes.PASS, o.code(), o.out() + o.err());
        assertTrue(o.out().startsWith(f + ": ok\n"), o.out());
        assertTrue(o.out().contains("  machine       2 CPUs, memory model weak, HZ 1000, preemption full"), o.out());
        assertTrue(o.out().contains("  rcu           preemptible, fanout 64, fanout_leaf 16, rcu_nocbs=(none), stall timeout"
                + " 500 jiffies"), o.out());
        assertTrue(o.out().contains("  task          reader on CPU 1, bound, kthread\n"), o.out());
        assertTrue(o.out().contains("  expectation   must pass\n"), o.out());
    }

    @Test
    void exploreRecordsAFailureThatReplaysAndAnEditedFileIsRefusedNamingTheChange() throws IOException {
        Path f = write("good.scn", GOOD);
        Path out = dir.resolve("out");
        Outcome o = Outcome.rcusim("explore", f.toString(), "--runs", "20", "--jobs", "1", "--inject",
                "sync-returns-at-once", "--out", out.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, o.code(), o.out() + o.err());
        Path replay;
        try (Stream<Path> files = Files.list(out)) {
            replay = files.filter(p -> p.getFileName().toString().startsWith("failure-")).findFirst().orElseThrow(
                    () -> new AssertionError("no replay file in " + out));
        }
        Outcome r = Outcome.rcusim("replay", replay.toString());
        assertEquals(ExitCodes.FAILURE_FOUND, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("reproduced: the same failure"), r.out());
        Files.writeString(f, GOOD.replace("i < 10", "i < 11"));
        Outcome edited = Outcome.rcusim("replay", replay.toString());
        assertEquals(ExitCodes.BAD_INPUT, edited.code(), edited.out() + edited.err());
        assertTrue(edited.err().contains("scenario " + f + " has changed since the recording"), edited.err());
        assertTrue(edited.err().contains("file.sha256: "), edited.err());
        Files.delete(f);
        Outcome gone = Outcome.rcusim("replay", replay.toString());
        assertEquals(ExitCodes.BAD_INPUT, gone.code(), gone.out() + gone.err());
        assertTrue(gone.err().contains("scenario " + f + " is not in this build"), gone.err());
    }

    @Test
    void aNameThatIsNeitherAScenarioNorAFileIsAUsageError() {
        Outcome o = Outcome.rcusim("run", dir.resolve("missing.scn").toString());
        assertEquals(ExitCodes.USAGE, o.code(), o.out() + o.err());
        assertTrue(o.err().contains("no scenario named"), o.err());
        assertEquals("", o.out());
    }

    /** A bad file: exit 3, one line naming file:line:col and what was expected, nothing run. */
    private void bad(String text, String at, String message) throws IOException {
        Path f = write("bad.scn", text);
        for (String command : new String[] {"run", "check", "explore"}) {
            Outcome o = Outcome.rcusim(command, f.toString());
            assertEquals(ExitCodes.BAD_INPUT, o.code(), command + ": " + o.out() + o.err());
            assertEquals(f + ":" + at + ": " + message + "\n", o.err(), command);
            assertEquals("", o.out(), command + " ran nothing");
        }
    }

    @Test
    void aSyntaxErrorIsNamed() throws IOException {
        bad("task a cpu 0 {\n    int x = ;\n}\n", "2:13", "expected an expression, found ';'");
    }

    @Test
    void anUnknownNameIsNamed() throws IOException {
        bad("task a cpu 0 {\n    WRITE_ONCE(y, 1);\n}\n", "2:16", "unknown name 'y'");
        bad("task a cpu 0 {\n    frobnicate(1);\n}\n", "2:5", "unknown function 'frobnicate': not a function of this"
                + " file nor a kernel call rcusim has (see docs/scenario-files.md)");
    }

    @Test
    void aWrongTypeIsNamed() throws IOException {
        bad("int x;\ntask a cpu 0 {\n    spin_lock(&x);\n}\n", "3:15", "spin_lock() takes a spinlock_t * as argument 1, got int *");
        bad("int x;\ntask a cpu 0 {\n    int r = x->a;\n}\n", "3:16", "'->' needs a pointer to a struct, 'x' is int");
    }

    @Test
    void aCpuOutOfRangeIsNamed() throws IOException {
        bad("machine { cpus = 2; }\ntask a cpu 2 { }\n", "2:12",
                "CPU 2 is out of range: the machine has 2 CPUs (0-1); see cpus = in the header");
    }

    @Test
    void anUnknownHeaderKeyIsNamed() throws IOException {
        bad("machine {\n    cpus = 2;\n    fanout_leef = 2;\n}\ntask a cpu 0 { }\n", "3:5", "unknown header key 'fanout_leef';"
                + " the keys are alloc_reuse, blimit, cpus, description, fanout, fanout_leaf, gp_seq_start, hz, memory_model, nocb,"
                + " nocb_gp_stride,"
                + " preemption, rcu, stale_window, stall_timeout, step_limit, step_ns");
    }

    /** Deep nesting is refused with its position; the parser never overflows its stack. */
    @Test
    void nestingTooDeepIsNamedNotAStackOverflow() throws IOException {
        bad("int x;\ntask a cpu 0 {\n    x = " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + ";\n}\n", "3:136",
                "nesting deeper than 256 levels (blocks, 'if's, parentheses or operators) is not supported");
        bad("int x;\ntask a cpu 0 {\n" + "{".repeat(20_000) + "x = 1;" + "}".repeat(20_000) + "\n}\n", "3:257",
                "nesting deeper than 256 levels (blocks, 'if's, parentheses or operators) is not supported");
    }

    @Test
    void aBadScheduleStepInTheFileIsNamed() throws IOException {
        Path f = write("bad.scn", "task a cpu 0 { }\nschedule {\n    frobnicate cpu 1\n}\n");
        for (String command : new String[] {"run", "check"}) {
            Outcome o = Outcome.rcusim(command, f.toString());
            assertEquals(ExitCodes.BAD_INPUT, o.code(), command + ": " + o.out() + o.err());
            assertTrue(o.err().startsWith(f + ":3:5: "), command + ": " + o.err());
            assertEquals("", o.out(), command + " ran nothing");
        }
    }
}
