package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.DecisionLog;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;
import rcusim.machine.strand.ThreadStrands;

/**
 * Determinism (a run is a pure function of scenario, configuration and decisions) with the
 * whole kernel environment: ticks, preemption, wake-up placement, softirqs,
 * timers and hotplug. The same seed gives byte-identical traces (both the decision trace and
 * the ftrace text), replaying the decisions gives them again, and so does the thread substrate.
 */
class KernelDeterminismTest {

    private static Simulation build(StrandFactory strands) {
        Simulation m = new Simulation(MachineConfig.of(3, MemoryModel.WEAK).withKernel(KernelConfig.kernel())
                .withStepLimit(2_000_000), strands, true);
        Kernel k0 = m.kernel();
        long counter = k0.alloc(1);
        long ticks = k0.alloc(1);
        Completion ping = new Completion("ping");
        Completion pong = new Completion("pong");
        k0.openSoftirq(Softirq.TASKLET, k -> k.atomicInc(ticks));
        TimerList timer = new TimerList("raise", k -> k.raiseSoftirq(Softirq.TASKLET));
        m.spawnUnbound(0, "pinger", Task.Kind.KTHREAD, k -> {
            for (int i = 0; i < 30; i++) {
                ping.complete(k);
                pong.waitForCompletion(k);
                k.atomicInc(counter);
            }
        });
        m.spawnUnbound(1, "ponger", Task.Kind.KTHREAD, k -> {
            for (int i = 0; i < 30; i++) {
                ping.waitForCompletion(k);
                k.modTimer(timer, k.jiffies() + 1);
                pong.complete(k);
            }
        });
        m.spawn(2, "hotplug", k -> {
            for (int i = 0; i < 3; i++) {
                k.cpuDown(1);
                k.cpuUp(1);
            }
        });
        return m;
    }

    private static Decider replay(DecisionLog log) {
        int[] next = {0};
        return o -> log.chosen(next[0]++);
    }

    @Test
    void sameSeedSameRunAndReplayReproducesIt() {
        for (long seed = 0; seed < 5; seed++) {
            Simulation a = build(StrandFactory.best());
            RunResult ra = a.run(Runs.random(seed));
            assertTrue(ra.passed(), () -> ra.describe() + KernelSmokeTest.tail(a.trace()));
            assertTrue(a.ftrace().contains("cpuhp_exit"), "no hotplug happened");

            Simulation b = build(StrandFactory.best());
            RunResult rb = b.run(Runs.random(seed));
            assertArrayEquals(ra.decisions().chosenArray(), rb.decisions().chosenArray());
            assertArrayEquals(ra.decisions().fingerprintArray(), rb.decisions().fingerprintArray());
            assertEquals(a.trace(), b.trace());
            assertEquals(a.ftrace(), b.ftrace());

            Simulation c = build(StrandFactory.best());
            RunResult rc = c.run(replay(ra.decisions()));
            assertEquals(ra.steps(), rc.steps());
            assertEquals(a.ftrace(), c.ftrace());

            Simulation d = build(new ThreadStrands());
            d.run(Runs.random(seed));
            assertEquals(a.ftrace(), d.ftrace(), "the thread substrate ran differently");
        }
    }
}
