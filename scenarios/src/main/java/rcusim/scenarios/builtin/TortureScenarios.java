package rcusim.scenarios.builtin;

import rcusim.machine.KernelConfig;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.torture.TortureConfig;
import rcusim.sched.scenario.Scenario;

/** The built-in rcutorture scenario in a configuration of the caller's (an rcutorture config file's). */
public final class TortureScenarios {
    private TortureScenarios() {
    }

    /**
     * Tree RCU under the rcutorture checker, as the built-in torture scenarios run it, with
     * every fault of {@code rcusim list mutations} injectable and the command-line overrides.
     */
    public static Scenario configured(String name, String description, int cpus, KernelConfig kernel, RcuConfig rcu,
            TortureConfig torture) {
        return new RcuTortureScenario(name, description, cpus, kernel, rcu, torture);
    }
}
