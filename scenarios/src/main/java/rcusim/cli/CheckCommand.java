package rcusim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rcusim.machine.MachineConfig;
import rcusim.rcu.RcuConfig;
import rcusim.scenarios.file.FileScenario;
import rcusim.scenarios.file.ScenarioFileException;
import rcusim.scenarios.file.ScenarioFiles;
import rcusim.scenarios.file.ast.ScenarioFile;

/** {@code rcusim check FILE}: parses and compiles a scenario file and prints its effective configuration; runs nothing. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Parses and compiles a scenario file, runs nothing, and prints the effective configuration: the machine,"
                    + " Tree RCU, the tasks and handlers, the final clause and the expectation."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the file is valid", "2:usage error", "3:the file has an error (file:line:col: what was expected)"})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario file")
    Path file;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new ScenarioFileException(file.toString(), 0, 0, "no such file", null);
        }
        FileScenario s = ScenarioFiles.load(file);
        PrintWriter out = spec.commandLine().getOut();
        MachineConfig m = s.config();
        RcuConfig r = s.program().rcu();
        ScenarioFile f = s.program().file();
        out.printf(Locale.ROOT, "%s: ok%n", file);
        out.printf(Locale.ROOT, "  description   %s%n", s.description());
        out.printf(Locale.ROOT, "  machine       %d CPUs, memory model %s, HZ %d, preemption %s, %d ns per step,"
                + " step limit %d, stale window %d%n", m.cpus(), lower(m.model()), m.kernel().hz(),
                lower(m.kernel().preemption()), m.kernel().stepNs(), m.stepLimit(), m.staleWindow());
        out.printf(Locale.ROOT, "  rcu           %s, fanout %d, fanout_leaf %d, rcu_nocbs=%s, stall timeout %d jiffies,"
                + " blimit %d%n", r.preemptible() ? "preemptible" : "non-preemptible", r.fanout(), r.fanoutLeaf(),
                r.nocbCpus().isEmpty() ? "(none)" : RcuConfig.formatCpuList(r.nocbCpus()), r.stallTimeoutJiffies(),
                r.blimit());
        if (f.kconfig() != null) {
            int n = s.program().warnings().size();
            out.printf(Locale.ROOT, "  header        rcutorture's form (kconfig { } / boot), %d option%s not modelled"
                    + " (warnings)%n", n, n == 1 ? "" : "s");
        }
        s.program().warnings().forEach(w -> out.printf(Locale.ROOT, "  warning       %s%n", w));
        for (ScenarioFile.TaskDecl t : f.tasks()) {
            out.printf(Locale.ROOT, "  task          %s on CPU %d, %s, %s%n", t.name(), t.cpu(),
                    t.unbound() ? "unbound" : "bound", t.user() ? "user" : "kthread");
        }
        for (ScenarioFile.IrqDecl i : f.irqs()) {
            out.printf(Locale.ROOT, "  irq           %s in CPU %d's tick%n", i.name(), i.cpu());
        }
        out.printf(Locale.ROOT, "  globals       %d; structs %d; functions %d%n", f.globals().size(), f.structs().size(),
                f.functions().size());
        out.printf(Locale.ROOT, "  final         %s%n", f.finalClause() == null ? "(none)"
                : f.finalClause().quantifier() + " at line " + f.finalClause().pos().line());
        out.printf(Locale.ROOT, "  expectation   %s%n", s.mustFailWith() == null ? "must pass"
                : "must fail with \"" + s.mustFailWith() + "\"");
        out.printf(Locale.ROOT, "  sha256        %s%n", s.program().sha256());
        out.flush();
        return ExitCodes.PASS;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
