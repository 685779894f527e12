package rcusim.scenarios.builtin;

import java.util.ArrayList;
import java.util.List;
import rcusim.kernel.Simulation;
import rcusim.kernel.kcsan.Kcsan;
import rcusim.kernel.kcsan.KcsanOptions;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.memory.MemoryModel;
import rcusim.sched.scenario.Scenario;

/**
 * One of {@link RacyPrograms}, racy or fixed, as a scenario: {@code race-NAME} and
 * {@code race-NAME-fixed}. The data-race detector is always on in these (they exist to show
 * it), with the options {@code --kcsan=...} gives, or the strict defaults.
 */
final class RaceScenario implements Scenario {
    private final RacyPrograms.Program program;
    private final boolean fixed;

    private RaceScenario(RacyPrograms.Program program, boolean fixed) {
        this.program = program;
        this.fixed = fixed;
    }

    /** Every program, racy and fixed. */
    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        for (RacyPrograms.Program p : RacyPrograms.ALL) {
            all.add(new RaceScenario(p, false));
            all.add(new RaceScenario(p, true));
        }
        return all;
    }

    @Override
    public String name() {
        return "race-" + program.name() + (fixed ? "-fixed" : "");
    }

    @Override
    public String description() {
        return fixed ? "data-race detector, fixed: " + program.fix() + " (no race; exit 0)"
                : "data-race detector: " + program.racy() + " (reported: BUG: KCSAN, exit 1)";
    }

    @Override
    public MachineConfig config() {
        KernelConfig k = KernelConfig.kernel();
        if (program.rcu()) {
            k = k.withPreemption(Preemption.NONE);
        }
        return MachineConfig.of(2, MemoryModel.WEAK).withKernel(k).withStepLimit(program.rcu() ? 5_000_000 : 200_000);
    }

    @Override
    public void load(Simulation m, long seed) {
        if (!(m.machine().accessListener() instanceof Kcsan)) {
            Kcsan.install(m, KcsanOptions.STRICT);
        }
        if (fixed) {
            program.fixedBody().load(m);
        } else {
            program.racyBody().load(m);
        }
    }
}
