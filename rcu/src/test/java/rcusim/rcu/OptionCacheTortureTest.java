package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.kernel.Simulation;
import rcusim.machine.Machine;
import rcusim.machine.RunResult;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.Options;
import rcusim.rcu.torture.RcuTorture;
import rcusim.rcu.torture.TortureConfig;

/**
 * The machine's incremental option set ({@code CpuOffers}: a CPU is looked at again only after
 * an event that may change what it offers) against a full look at every CPU: in test builds
 * the machine compares the two at every step ({@link Machine#CHECK_DORMANT}), and here whole
 * torture runs with the cache on and off are the same run, decision for decision.
 */
class OptionCacheTortureTest {

    private static RunResult torture(long seed, int cpus, boolean cache, Decider d) {
        Simulation m = TreeRcuTortureTest.machine(cpus);
        m.machine().setOptionCache(cache);
        TreeRcu rcu = TreeRcu.install(m, RcuConfig.preemptibleDefaults());
        RcuTorture.start(m, rcu, TortureConfig.small(), seed);
        return m.run(d);
    }

    @Test
    void tortureRunsAreTheSameWithAndWithoutTheCache() {
        assertTrue(Machine.CHECK_DORMANT, "test builds check the cache against a full look at every step");
        for (long seed = 0; seed < 3; seed++) {
            int cpus = seed == 2 ? 8 : 4;
            RunResult cached = torture(seed, cpus, true, TreeRcuTortureTest.random(seed));
            assertTrue(cached.passed(), cached::describe);
            RunResult full = torture(seed, cpus, false, TreeRcuTortureTest.random(seed));
            assertEquals(full.steps(), cached.steps());
            assertArrayEquals(full.decisions().chosenArray(), cached.decisions().chosenArray());
            assertArrayEquals(full.decisions().fingerprintArray(), cached.decisions().fingerprintArray());
        }
    }

    /** The machine's own fingerprint of a step's options is the one {@link Options} defines. */
    @Test
    void theStepOptionsFingerprintIsTheInterfaceOne() {
        long[] compared = {0};
        Decider d = TreeRcuTortureTest.random(5);
        RunResult r = torture(5, 4, true, o -> {
            Options plain = new Options() { // the interface's default fingerprint over the same options
                @Override
                public int size() {
                    return o.size();
                }

                @Override
                public rcusim.machine.decide.OptionKind kind(int i) {
                    return o.kind(i);
                }

                @Override
                public int cpu(int i) {
                    return o.cpu(i);
                }

                @Override
                public long step() {
                    return o.step();
                }
            };
            assertEquals(plain.fingerprint(), o.fingerprint());
            compared[0]++;
            return d.choose(o);
        });
        assertTrue(r.passed(), r::describe);
        assertTrue(compared[0] > 10_000, "compared " + compared[0]);
    }
}
