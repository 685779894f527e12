package rcusim.cli;

import picocli.CommandLine.Option;
import rcusim.scenarios.builtin.ConfigOverrides;

/**
 * The machine and Tree RCU options of {@code run} and {@code explore}: --cpus, --fanout,
 * --fanout-leaf, --nocb. A configuration the kernel would reject exits 3 with
 * "rcusim: bad configuration: REASON".
 */
final class ConfigOptions {
    @Option(names = "--cpus", paramLabel = "N", description = "CPUs (nr_cpu_ids), for the Tree RCU scenarios")
    Integer cpus;

    @Option(names = "--fanout", paramLabel = "F", description = "CONFIG_RCU_FANOUT (2-64)")
    Integer fanout;

    @Option(names = "--fanout-leaf", paramLabel = "L", description = "CONFIG_RCU_FANOUT_LEAF (2-64)")
    Integer fanoutLeaf;

    @Option(names = "--nocb", paramLabel = "LIST",
            description = "rcu_nocbs=: the CPUs whose callbacks are offloaded to rcuo kthreads, e.g. 1-3 or 0,2-5"
                    + " ('' for none)")
    String nocb;

    ConfigOverrides overrides() {
        return new ConfigOverrides(cpus, fanout, fanoutLeaf, nocb);
    }
}
