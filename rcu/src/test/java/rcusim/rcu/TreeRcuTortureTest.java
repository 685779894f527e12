package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rcusim.machine.KernelConfig;
import rcusim.machine.Machine;
import rcusim.machine.MachineConfig;
import rcusim.machine.RunResult;
import rcusim.machine.decide.Decider;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;
import rcusim.rcu.torture.RcuTorture;
import rcusim.rcu.torture.TortureConfig;

class TreeRcuTortureTest {

    static Decider random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return o -> r.nextInt(o.size());
    }

    static Machine machine(int cpus) {
        return new Machine(MachineConfig.of(cpus, MemoryModel.WEAK).withKernel(KernelConfig.kernel())
                .withStepLimit(5_000_000), StrandFactory.best(), false);
    }

    @Test
    void tortureFindsNothingOnACorrectTreeRcu() {
        for (long seed = 0; seed < 5; seed++) {
            Machine m = machine(4);
            TreeRcu rcu = TreeRcu.install(m, RcuConfig.preemptibleDefaults().withFanout(2, 2));
            RcuTorture t = RcuTorture.start(m, rcu, TortureConfig.small(), seed);
            RunResult r = m.run(random(seed));
            long s = seed;
            assertTrue(r.passed(), () -> "seed " + s + ": " + r.describe());
            System.out.println("seed " + seed + ": steps " + r.steps() + " gps " + rcu.gpsCompleted() + " updates "
                    + t.updates + " pipe " + RcuTorture.histogram(t.readerPipe) + " batch "
                    + RcuTorture.histogram(t.readerBatch) + " cbs " + t.callbacksInvoked + " onoff " + t.onoffs);
        }
    }
}
