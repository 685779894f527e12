package rcusim.cli;

import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import rcusim.machine.memory.MemoryModel;
import rcusim.sched.scenario.KcsanScenario;
import rcusim.sched.scenario.MemoryModelScenario;
import rcusim.sched.scenario.Scenario;

/**
 * {@code --memory-model MODEL} of run and explore: runs a built-in scenario on another memory
 * model (sc, tso, weak, power; the scenarios' own is weak). A scenario file says its model in
 * its machine block ({@code memory_model}) instead.
 */
final class MemoryModelOption {
    @Option(names = MemoryModelScenario.OPTION, paramLabel = "MODEL",
            description = "run on this memory model: sc, tso, weak or power (non-multicopy-atomic);"
                    + " default: the scenario's own (weak)")
    String model;

    /** The scenario on the model asked for (applied before --kcsan); a usage error for an unknown model. */
    Scenario apply(Scenario s, CommandLine cl) {
        if (model == null) {
            return s;
        }
        MemoryModel m;
        try {
            m = MemoryModel.parse(model);
        } catch (IllegalArgumentException e) {
            throw new BadOptionValue(cl, MemoryModelScenario.OPTION + ": " + e.getMessage());
        }
        if (KcsanScenario.unwrap(s) instanceof rcusim.scenarios.file.FileScenario) {
            throw new BadOptionValue(cl, MemoryModelScenario.OPTION
                    + ": a scenario file chooses its model in its machine block (memory_model = ...)");
        }
        return MemoryModelScenario.of(s, m);
    }

    Optional<Scenario> apply(Optional<Scenario> s, CommandLine cl) {
        return s.map(x -> apply(x, cl));
    }
}
