package rcusim.scenarios.file;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rcusim.kernel.Simulation;
import rcusim.machine.MachineConfig;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.RcuCoverage;
import rcusim.scenarios.builtin.RcuFaults;
import rcusim.scenarios.file.exec.CompiledFile;
import rcusim.sched.scenario.Fault;
import rcusim.sched.scenario.Scenario;

/**
 * A scenario written as a file: its name is the path it was named by (or, for a file of the
 * shipped catalog, its stem), its configuration the header's plus the file's SHA-256, so that
 * a replay file refuses an edited file and says what changed. Tree RCU's faults inject as for
 * the built-in scenarios.
 */
public final class FileScenario implements Scenario {
    private final String name;
    private final CompiledFile program;
    private final RcuConfig rcu;

    FileScenario(String name, CompiledFile program) {
        this(name, program, program.rcu());
    }

    private FileScenario(String name, CompiledFile program, RcuConfig rcu) {
        this.name = name;
        this.program = program;
        this.rcu = rcu;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        String d = program.description().isEmpty() ? "scenario file " + program.file().file() : program.description();
        return d + (rcu.mutation() == null ? "" : "; injected: " + rcu.mutation());
    }

    @Override
    public MachineConfig config() {
        return program.machine();
    }

    @Override
    public void load(Simulation m, long seed) {
        program.load(m, rcu, seed);
    }

    @Override
    public Map<String, Object> configuration() {
        Map<String, Object> c = new TreeMap<>();
        c.put("rcu", rcu);
        c.put("file.sha256", program.sha256());
        return c;
    }

    /** The compiled file. */
    public CompiledFile program() {
        return program;
    }

    /**
     * The file's {@code schedule { ... }} block as a schedule's text (file and first line for
     * its messages), or empty when it has none: what {@code rcusim run} follows when no
     * --schedule is given.
     */
    public java.util.Optional<rcusim.sched.replay.ReplayFile.ScheduleText> schedule() {
        var b = program.file().schedule();
        return b == null ? java.util.Optional.empty()
                : java.util.Optional.of(new rcusim.sched.replay.ReplayFile.ScheduleText(program.file().file(), b.line(), b.text()));
    }

    /** The signature a run must fail with ({@code must fail with "..."}), or null for must pass. */
    public String mustFailWith() {
        return program.mustFailWith();
    }

    @Override
    public List<RcuCoverage> coverageEvents() {
        return RcuCoverage.reachableWith(rcu);
    }

    @Override
    public List<Fault> injections() {
        return RcuFaults.ALL;
    }

    @Override
    public Scenario withInjection(Fault fault) {
        return new FileScenario(name, program, rcu.withMutation(RcuFaults.toRcu(fault)));
    }

    @Override
    public Scenario withoutInjection() {
        return new FileScenario(name, program, rcu.withMutation(null));
    }

    @Override
    public Fault injection() {
        return rcu.mutation() == null ? null : RcuFaults.of(rcu.mutation());
    }
}
