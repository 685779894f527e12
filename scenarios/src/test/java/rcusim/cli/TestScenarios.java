package rcusim.cli;

import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.machine.memory.MemoryModel;
import rcusim.scenarios.builtin.Catalog;
import rcusim.sched.scenario.Scenario;

/**
 * Scenarios for testing {@code rcusim run} itself, independent of what the built-in ones find:
 * one that fails on some seeds and passes on others, one that always passes.
 */
final class TestScenarios {
    static final Catalog CATALOG = Catalog.of(new LostUpdate(), new Quiet());

    private TestScenarios() {
    }

    /** Two CPUs increment a counter twice each with a plain read and write: some schedules lose an update. */
    static final class LostUpdate implements Scenario {
        @Override
        public String name() {
            return "lost-update";
        }

        @Override
        public String description() {
            return "two CPUs increment one counter without an atomic; BUG_ON a lost update";
        }

        @Override
        public MachineConfig config() {
            return MachineConfig.of(2, MemoryModel.SC);
        }

        @Override
        public void load(Simulation m, long seed) {
            long x = m.kernel().alloc(1);
            long done = m.kernel().alloc(1);
            for (int cpu = 0; cpu < 2; cpu++) {
                m.spawn(cpu, "inc" + cpu, k -> {
                    for (int i = 0; i < 2; i++) {
                        k.writeOnce(x, k.readOnce(x) + 1);
                    }
                    if (k.atomicAddReturn(done, 1) == 2) {
                        long v = k.readOnce(x);
                        k.bugOn(v != 4, "counter " + v + " != 4");
                    }
                });
            }
        }
    }

    /** One CPU, one store: always passes. */
    static final class Quiet implements Scenario {
        @Override
        public String name() {
            return "quiet";
        }

        @Override
        public String description() {
            return "one store on one CPU";
        }

        @Override
        public MachineConfig config() {
            return MachineConfig.of(1, MemoryModel.SC);
        }

        @Override
        public void load(Simulation m, long seed) {
            long x = m.kernel().alloc(1);
            m.spawn(0, "store", k -> k.writeOnce(x, 1));
        }
    }
}
