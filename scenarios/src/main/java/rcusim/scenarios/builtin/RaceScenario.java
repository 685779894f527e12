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
import rcusim.sched.scenario.Fault;
import rcusim.sched.scenario.Scenario;

/**
 * One of {@link RacyPrograms} as a scenario, {@code race-NAME}: the correct program, and its
 * racy version as the fault {@code --inject NAME}, so that the detector's cases are listed
 * with the other faults ({@code rcusim list mutations}) and found by {@code explore} like them.
 * The data-race detector is always on in these (they exist to show it), with the options
 * {@code --kcsan=...} gives, or the strict defaults.
 */
final class RaceScenario implements Scenario {
    private final RacyPrograms.Program program;
    private final boolean racy;

    private RaceScenario(RacyPrograms.Program program, boolean racy) {
        this.program = program;
        this.racy = racy;
    }

    /** Every program, correct (the racy version is its fault). */
    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        for (RacyPrograms.Program p : RacyPrograms.ALL) {
            all.add(new RaceScenario(p, false));
        }
        return all;
    }

    @Override
    public String name() {
        return "race-" + program.name();
    }

    @Override
    public String description() {
        return "data-race detector: " + program.fix() + " (no race; exit 0); --inject " + program.name() + ": "
                + program.racy() + " (BUG: KCSAN, exit 1)";
    }

    private Fault fault() {
        return new Fault(program.name(), "race-" + program.name() + ": " + program.racy());
    }

    @Override
    public List<Fault> injections() {
        return List.of(fault());
    }

    @Override
    public Scenario withInjection(Fault f) {
        if (!f.equals(fault())) {
            throw new IllegalArgumentException("scenario " + name() + " cannot inject " + f);
        }
        return new RaceScenario(program, true);
    }

    @Override
    public Scenario withoutInjection() {
        return new RaceScenario(program, false);
    }

    @Override
    public Fault injection() {
        return racy ? fault() : null;
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
        if (racy) {
            program.racyBody().load(m);
        } else {
            program.fixedBody().load(m);
        }
    }
}
