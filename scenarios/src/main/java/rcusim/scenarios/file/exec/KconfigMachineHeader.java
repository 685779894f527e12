package rcusim.scenarios.file.exec;

import rcusim.litmus.ast.Pos;
import rcusim.scenarios.file.ast.ScenarioFile.KconfigHeader;
import rcusim.scenarios.kconfig.BootParams;
import rcusim.scenarios.kconfig.KconfigFragment;
import rcusim.scenarios.kconfig.RcutortureConfig;

/**
 * A header in rcutorture's form ({@code kconfig { }} and {@code boot "...";}) read into the
 * machine's and Tree RCU's configuration through the rcutorture configurations' mapping
 * ({@link RcutortureConfig#forScenarioFile}): CPUs, preemption, HZ, fanouts, NOCB CPUs, the
 * stall timeout. Messages name the scenario file's own lines and columns: each part is read as
 * the text at its place in the file.
 */
final class KconfigMachineHeader {
    private KconfigMachineHeader() {
    }

    /**
     * @throws rcusim.sched.replay.BadFileException (exit 3) at the option's file:line:col for a
     *     malformed line or an option that would change what RCU does and is not modelled
     */
    static MachineHeader read(String file, KconfigHeader h) {
        KconfigFragment kconfig = h.fragment() == null ? KconfigFragment.empty()
                : KconfigFragment.parse(file, h.fragmentStart().line(), at(h.fragmentStart(), h.fragment()));
        BootParams boot = h.boot() == null ? BootParams.empty()
                : BootParams.parse(file, h.bootStart().line(), at(h.bootStart(), h.boot()));
        RcutortureConfig c = RcutortureConfig.forScenarioFile(file, kconfig, boot);
        return new MachineHeader(c.machine(), c.rcu(), h.description(), c.warnings(),
                rcusim.machine.memory.AllocReuse.NONE);
    }

    /** text as if its first line started at column start.column(), so the parsers' columns are the file's. */
    private static String at(Pos start, String text) {
        return " ".repeat(start.column() - 1) + text;
    }
}
