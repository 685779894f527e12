package rcusim.cli;

import picocli.CommandLine.Option;
import rcusim.scenarios.builtin.ConfigOverrides;

/**
 * The machine, Tree RCU and workload options of {@code run} and {@code explore}: --cpus,
 * --fanout, --fanout-leaf, --nocb, and the workload knobs of {@link ConfigOverrides#WORKLOAD}
 * (which {@code rcusim shrink} turns down, so its files name them). A configuration the
 * kernel would reject exits 3 with "rcusim: bad configuration: REASON".
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

    @Option(names = "--stall-timeout", paramLabel = "J", description = "RCU CPU stall timeout in jiffies")
    Integer stallTimeout;

    @Option(names = "--writer-stall", paramLabel = "J", description = "rcutorture's writer stall timeout in jiffies")
    Integer writerStall;

    @Option(names = "--readers", paramLabel = "N", description = "rcutorture reader kthreads")
    Integer readers;

    @Option(names = "--reader-loops", paramLabel = "N", description = "read-side critical sections per reader")
    Integer readerLoops;

    @Option(names = "--updates", paramLabel = "N", description = "updates per writer")
    Integer updates;

    @Option(names = "--onoff-cycles", paramLabel = "N", description = "CPU hotplug offline/online cycles")
    Integer onoffCycles;

    @Option(names = "--fakewriters", paramLabel = "0|1", description = "whether the call_rcu() writer runs")
    Integer fakewriters;

    @Option(names = "--hog", paramLabel = "0|1", description = "whether the CPU hog runs")
    Integer hog;

    @Option(names = "--barrier", paramLabel = "0|1", description = "whether the rcu_barrier() tester runs")
    Integer barrier;

    ConfigOverrides overrides() {
        Integer[] values = {stallTimeout, writerStall, readers, readerLoops, updates, onoffCycles, fakewriters, hog, barrier};
        java.util.Map<String, Integer> workload = new java.util.LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                workload.put(ConfigOverrides.WORKLOAD.get(i), values[i]);
            }
        }
        return new ConfigOverrides(cpus, fanout, fanoutLeaf, nocb, workload);
    }
}
