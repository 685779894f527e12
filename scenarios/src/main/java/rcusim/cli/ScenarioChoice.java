package rcusim.cli;

import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;
import rcusim.scenarios.builtin.Catalog;
import rcusim.scenarios.kconfig.RcutortureCatalog;
import rcusim.sched.scenario.ConfigOverrides;
import rcusim.sched.scenario.Fault;
import rcusim.sched.scenario.Scenario;

/** A scenario named on the command line, with its injected fault and configuration options if asked for. */
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
            err.println("rcusim " + command + ": no scenario named '" + name + "' and no such file; the scenarios are:");
            ListCommand.print(err, catalog);
            err.println("and the rcutorture configurations (or a path to one): " + String.join(" ", RcutortureCatalog.names()));
            return Optional.empty();
        }
        Scenario scenario = found.get();
        if (!Catalog.builtin().names().contains(name)) {
            warnAboutOptions(name, scenario, err);
        }
        if (inject == null) {
            return found;
        }
        Optional<Fault> fault = scenario.injectable(inject);
        if (fault.isEmpty()) {
            err.println("rcusim " + command + ": scenario " + name + " has no fault named '" + inject + "'"
                    + (scenario.injections().isEmpty() ? "" : "; its faults are (rcusim list mutations):"));
            scenario.injections().forEach(f -> err.println("  " + f.name()));
            err.flush();
            return Optional.empty();
        }
        return Optional.of(scenario.withInjection(fault.get()));
    }

    /**
     * An rcutorture configuration's options that are not modelled but cannot change what RCU
     * does, or those of a scenario file's header in rcutorture's form.
     */
    private static void warnAboutOptions(String name, Scenario scenario, PrintWriter err) {
        if (scenario instanceof rcusim.scenarios.file.FileScenario f) {
            f.program().warnings().forEach(w -> err.println("rcusim: warning: " + w));
            err.flush();
            return;
        }
        RcutortureCatalog.config(name).ifPresent(c -> {
            c.warnings().forEach(w -> err.println("rcusim: warning: " + w));
            err.flush();
        });
    }

    /**
     * As {@link #resolve(String, Catalog, String, String, PrintWriter)}, then the configuration
     * options: a usage error for a scenario that takes none, {@link BadInputException} ("rcusim:
     * bad configuration: REASON", exit 3) for a configuration the kernel would reject.
     */
    static Optional<Scenario> resolve(String command, Catalog catalog, String name, String inject,
            ConfigOverrides overrides, CommandLine cl) {
        Optional<Scenario> found = resolve(command, catalog, name, inject, cl.getErr());
        if (found.isEmpty() || overrides.isEmpty()) {
            return found;
        }
        Scenario scenario = found.get();
        if (!scenario.configurable()) {
            throw new ParameterException(cl, "scenario " + name + " takes no configuration options ("
                    + overrides.commandLine() + "); the Tree RCU torture scenarios do");
        }
        try {
            return Optional.of(scenario.withOverrides(overrides));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(null, 0, 0, "rcusim: bad configuration: " + e.getMessage(), e);
        }
    }
}
