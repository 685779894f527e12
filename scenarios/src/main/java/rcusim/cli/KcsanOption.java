package rcusim.cli;

import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import rcusim.kernel.kcsan.KcsanOptions;
import rcusim.sched.scenario.KcsanScenario;
import rcusim.sched.scenario.Scenario;

/**
 * {@code --kcsan[=OPTIONS]} of run, explore and replay: runs the scenario with the data-race
 * detector on. OPTIONS is a comma-separated list of KCSAN's configuration choices
 * ({@code value-change-only}, {@code plain-writes-atomic}); none gives LKMM's strict definition.
 */
final class KcsanOption {
    @Option(names = "--kcsan", arity = "0..1", fallbackValue = "", paramLabel = "OPTIONS",
            description = "run with the KCSAN-like data-race detector (a race fails the run); OPTIONS:"
                    + " value-change-only,plain-writes-atomic (default: neither, LKMM's definition)")
    String kcsan;

    /** The scenario with the detector on when asked for; a usage error for unknown options. */
    Scenario apply(Scenario s, CommandLine cl) {
        if (kcsan == null) {
            return s;
        }
        try {
            return KcsanScenario.of(s, KcsanOptions.parse(kcsan));
        } catch (IllegalArgumentException e) {
            throw new BadOptionValue(cl, "--kcsan: " + e.getMessage());
        }
    }

    Optional<Scenario> apply(Optional<Scenario> s, CommandLine cl) {
        return s.map(x -> apply(x, cl));
    }
}
