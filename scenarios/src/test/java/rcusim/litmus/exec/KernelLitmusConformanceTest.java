package rcusim.litmus.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import rcusim.litmus.parse.LitmusParser;
import rcusim.litmus.parse.SharedLitmus;
import rcusim.kernel.Kernel;
import rcusim.machine.KernelConfig;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.decide.Decider;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;
import rcusim.sched.BoundedExhaustive;

/**
 * herd7's verdicts checked against the machine Tree RCU runs on, not only against the litmus
 * runner: every test of litmus/lkmm and litmus/extra runs THROUGH THE KERNEL API on a bare
 * machine (weak memory, no tick, no idle tasks), each process a task bound to its own CPU and
 * its instructions the kernel calls of the same name ({@link KernelInterpreter}), under the
 * bounded exhaustive search with at most {@link #PREEMPTIONS} preemptions (drains, stale reads
 * and every other inner choice are free, so each schedule's store-buffer and
 * invalidate-queue behaviours are all covered). No execution may reach an outcome herd7 calls
 * Never, and every execution of an Always test must satisfy its condition. And the machine is
 * as complete as the litmus runner: the Sometimes tests whose outcome no execution reaches are
 * exactly those the runner misses too ({@link LitmusConformanceTest#MISSED_UNDER_WEAK}), so
 * the runner and the kernel API are one machine seen twice.
 *
 * <p>The search is stateless (each execution runs the machine from the start), so the bound is
 * what keeps it to seconds; the litmus runner, which caches states, is the complete check.
 *
 * <p>RCU: rcu_read_lock() and rcu_read_unlock() are the non-preemptible kernel's read side,
 * preempt_disable() and preempt_enable() (what Tree RCU's are in such a build). Tests that wait
 * for a grace period are excluded: Tree RCU needs the tick, idle tasks and its kthreads, and a
 * grace period takes thousands of steps, far beyond an exhaustive search. That is
 * C-RomanPenyaev-list-rcu-rr only; TreeRcuLitmusTest samples it on the full kernel instead.
 */
class KernelLitmusConformanceTest {
    static final int PREEMPTIONS = Integer.getInteger("rcusim.kernelLitmus.preemptions", 2);
    static final long MAX_EXECUTIONS = Long.getLong("rcusim.kernelLitmus.maxExecutions", 20_000);
    static final List<String> EXCLUDED = List.of("C-RomanPenyaev-list-rcu-rr.litmus");

    /** The non-preemptible kernel's rcu_read_lock() and rcu_read_unlock(); no grace periods. */
    private static final KernelInterpreter.Rcu READ_SIDE_ONLY = new KernelInterpreter.Rcu() {
        @Override
        public void readLock(Kernel k) {
            k.preemptDisable();
        }

        @Override
        public void readUnlock(Kernel k) {
            k.preemptEnable();
        }

        @Override
        public void synchronize(Kernel k) {
            throw new IllegalStateException("no grace periods on a bare machine");
        }
    };

    /** What the search found for one test against one expected verdict. */
    record Check(String file, long executions, boolean complete, long filtered, long satisfied, List<String> wrong) {
    }

    /** Runs one test on the kernel API under the bounded search and judges it against expected. */
    static Check check(Path file, Verdict expected) throws IOException {
        LitmusProgram program = LitmusCompiler.compile(LitmusParser.parse(file));
        OutcomeJudge judge = new OutcomeJudge(program);
        List<String> wrong = new ArrayList<>();
        long[] counts = new long[2]; // executions passing the filter, and of those satisfying the condition
        BoundedExhaustive.Result r = new BoundedExhaustive(0, 1, false).explore(decider -> {
            RunOnKernel run = RunOnKernel.start(program, decider);
            if (!run.result.passed()) {
                wrong.add("run failed: " + run.result.describe());
                return run.result;
            }
            long[] v = judge.observe(l -> run.machine.memory().latestValue(l), (p, reg) -> run.regs[p][reg]);
            if (judge.passesFilter(v)) {
                counts[0]++;
                boolean sat = judge.satisfies(v);
                if (sat) {
                    counts[1]++;
                }
                if ((expected == Verdict.NEVER && sat) || (expected == Verdict.ALWAYS && !sat)) {
                    String what = file.getFileName() + ": " + judge.format(v) + " against " + expected;
                    if (!wrong.contains(what)) {
                        wrong.add(what);
                    }
                }
            }
            return run.result;
        }, PREEMPTIONS, MAX_EXECUTIONS);
        return new Check(file.getFileName().toString(), r.executions(), r.complete(), counts[0], counts[1], wrong);
    }

    /** One execution: a bare machine, the litmus locations first, one task per process on its own CPU. */
    private record RunOnKernel(Simulation machine, long[][] regs, RunResult result) {
        static RunOnKernel start(LitmusProgram program, Decider decider) {
            int procs = program.processes().size();
            Simulation m = new Simulation(MachineConfig.of(procs, MemoryModel.WEAK).withKernel(KernelConfig.BARE),
                    StrandFactory.best(), false);
            Kernel k = m.kernel();
            long[] init = program.locationInit();
            for (int l = 0; l < init.length; l++) {
                if (Address.locationOf(k.alloc(1, init[l])) != l) {
                    throw new IllegalStateException("litmus locations must be the machine's first locations");
                }
            }
            long[][] regs = KernelInterpreter.spawnAll(m, program, READ_SIDE_ONLY);
            return new RunOnKernel(m, regs, m.run(decider));
        }
    }

    static List<Object[]> suite() throws IOException {
        List<Object[]> out = new ArrayList<>();
        for (String dir : List.of("lkmm", "extra")) {
            Path d = SharedLitmus.root().resolve(dir);
            for (String line : Files.readAllLines(d.resolve("EXPECTED.tsv"))) {
                if (line.startsWith("file\t") || line.isBlank()) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (!EXCLUDED.contains(cols[0])) {
                    out.add(new Object[] {d.resolve(cols[0]), Verdict.parse(cols[1])});
                }
            }
        }
        return out;
    }

    @Test
    void noNeverOutcomeAndNoAlwaysViolatedOnTheKernelApi() throws IOException {
        List<String> wrong = new ArrayList<>();
        Set<String> missed = new TreeSet<>();
        List<Object[]> suite = suite();
        assertEquals(78, suite.size(), "the shared suite changed size");
        StringBuilder table = new StringBuilder();
        for (Object[] t : suite) {
            long t0 = System.nanoTime();
            Check c = check((Path) t[0], (Verdict) t[1]);
            table.append(String.format("%-60s %-9s %7d %s %6d %6d %6.0f ms%n", c.file(), t[1], c.executions(),
                    c.complete() ? "complete" : "capped  ", c.filtered(), c.satisfied(), (System.nanoTime() - t0) / 1e6));
            assertTrue(c.executions() > 0, c.file() + " has no execution");
            wrong.addAll(c.wrong());
            if (t[1] == Verdict.SOMETIMES && c.satisfied() == 0) {
                missed.add(c.file());
            }
        }
        if (Boolean.getBoolean("rcusim.kernelLitmus.print")) {
            System.out.print(table);
        }
        assertEquals(List.of(), wrong);
        assertEquals(LitmusConformanceTest.MISSED_UNDER_WEAK.keySet(), missed,
                "Sometimes tests not reached on the kernel API differ from those the litmus runner misses");
    }

    /** The check can fail: SB without barriers reaches its outcome on the weak machine. */
    @Test
    void aWrongExpectationIsCaught() throws IOException {
        Path sb = SharedLitmus.root().resolve("lkmm").resolve("SB+poonceonces.litmus");
        Check c = check(sb, Verdict.NEVER);
        assertFalse(c.wrong().isEmpty(), "SB's outcome was expected Never and was not reached");
        assertTrue(c.wrong().get(0).contains("SB+poonceonces.litmus: 0:r0=0; 1:r0=0;"), c.wrong().toString());
        Check always = check(sb, Verdict.ALWAYS);
        assertFalse(always.wrong().isEmpty(), "SB's outcome was expected Always, and other outcomes were not reached");
    }
}
