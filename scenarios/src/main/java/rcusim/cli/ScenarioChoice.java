package rcusim.cli;

import java.io.PrintWriter;
import java.util.Optional;
import rcusim.scenarios.builtin.Catalog;
import rcusim.scenarios.builtin.Scenario;

/** A scenario named on the command line, with its injected fault if one is asked for. */
final class ScenarioChoice {
    private ScenarioChoice() {
    }

    /**
     * The scenario, or empty after telling the user on err what exists (a usage error): no
     * scenario of that name, or no such fault in it.
     */
    static Optional<Scenario> resolve(String command, Catalog catalog, String name, String inject, PrintWriter err) {
        Optional<Scenario> found = catalog.find(name);
        if (found.isEmpty()) {
            err.println("rcusim " + command + ": no scenario named '" + name + "'; the scenarios are:");
            ListCommand.print(err, catalog);
            return Optional.empty();
        }
        Scenario scenario = found.get();
        if (inject == null) {
            return found;
        }
        if (scenario.injections().stream().noneMatch(f -> f[0].equals(inject))) {
            err.println("rcusim " + command + ": scenario " + name + " has no fault named '" + inject + "'"
                    + (scenario.injections().isEmpty() ? "" : "; its faults are (rcusim list mutations):"));
            scenario.injections().forEach(f -> err.println("  " + f[0]));
            err.flush();
            return Optional.empty();
        }
        return Optional.of(scenario.withInjection(inject));
    }
}
