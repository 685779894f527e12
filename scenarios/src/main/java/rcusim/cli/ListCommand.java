package rcusim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import rcusim.scenarios.builtin.Catalog;
import rcusim.scenarios.kconfig.RcutortureCatalog;
import rcusim.scenarios.kconfig.RcutortureConfig;
import rcusim.scenarios.kconfig.RefusedConfigException;
import rcusim.sched.replay.BadFileException;
import rcusim.sched.scenario.Fault;
import rcusim.sched.scenario.Scenario;

/** {@code rcusim list}: the built-in scenarios, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the built-in scenarios that `rcusim run NAME` runs, with what each does and shows.")
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Catalog catalog;

    public ListCommand() {
        this(Scenarios.standard());
    }

    public ListCommand(Catalog catalog) {
        this.catalog = catalog;
    }

    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "WHAT",
            description = "`mutations`: the faults `rcusim run --inject` can inject, one per line")
    String what;

    @Override
    public Integer call() {
        if ("mutations".equals(what)) {
            PrintWriter out = spec.commandLine().getOut();
            faults().forEach(f -> out.printf(Locale.ROOT, "%-30s %s%n", f.name(), f.description()));
            out.flush();
            return ExitCodes.PASS;
        }
        if (what != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "rcusim list: unknown WHAT '" + what + "' (expected nothing or 'mutations')");
        }
        print(spec.commandLine().getOut(), catalog);
        printRcutorture(spec.commandLine().getOut());
        return ExitCodes.PASS;
    }

    /** One line per scenario, in catalog order: name, CPUs, description. */
    static void print(PrintWriter out, Catalog catalog) {
        int width = catalog.names().stream().mapToInt(String::length).max().orElse(0);
        for (Scenario s : catalog.all()) {
            out.printf(Locale.ROOT, "  %-" + width + "s  %2d CPUs  %s%n", s.name(), s.config().cpus(), s.description());
        }
        out.flush();
    }

    /**
     * The rcutorture configurations of catalog/rcutorture (`rcusim run rcutorture/TREE04`): each
     * with what it runs as, or why it is refused (the options rcusim lacks).
     */
    static void printRcutorture(PrintWriter out) {
        java.util.List<String> names = RcutortureCatalog.names();
        if (names.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "%nrcutorture configurations (catalog/rcutorture; also any such file by path):%n");
        int width = names.stream().mapToInt(String::length).max().orElse(0);
        for (String n : names) {
            String line;
            try {
                RcutortureConfig c = RcutortureCatalog.config(n).orElseThrow();
                line = String.format(Locale.ROOT, "%2d CPUs  %s", c.cpus(), c.description());
            } catch (RefusedConfigException e) {
                line = "refused  (options rcusim lacks: " + String.join(", ", e.options()) + ")";
            } catch (BadFileException e) {
                String why = e.getMessage().lines().findFirst().orElse("");
                line = "refused  " + why;
            }
            out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", n, line);
        }
        out.flush();
    }

    /** The faults of the catalog's scenarios, each once, in the order the scenarios offer them. */
    private java.util.Collection<Fault> faults() {
        java.util.Set<Fault> all = new java.util.LinkedHashSet<>();
        catalog.names().forEach(n -> catalog.find(n).ifPresent(s -> all.addAll(s.injections())));
        return all;
    }
}
