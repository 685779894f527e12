package rcusim.cli;

import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;
import rcusim.sched.scenario.ConfigOverrides;
import rcusim.sched.scenario.WorkloadKnob;

/**
 * The machine, Tree RCU and workload options of {@code run} and {@code explore}: --cpus,
 * --fanout, --fanout-leaf, --nocb, and the {@link WorkloadKnob}s (which {@code rcusim shrink}
 * turns down, so its files name them). picocli needs each option's name and help as constant
 * text, so they are spelled here again; a test checks them against the knobs. A configuration
 * the kernel would reject exits 3 with "rcusim: bad configuration: REASON".
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

    @Option(names = "--stutter", paramLabel = "J",
            description = "rcutorture's stutter: readers and the call_rcu() writer run J jiffies, then pause J (0: never)")
    Integer stutter;

    @Option(names = "--onoff-holdoff", paramLabel = "J",
            description = "rcutorture.onoff_holdoff: jiffies before the first CPU hotplug operation")
    Integer onoffHoldoff;

    @Option(names = "--onoff-interval", paramLabel = "J",
            description = "rcutorture.onoff_interval: jiffies between CPU hotplug operations")
    Integer onoffInterval;

    @Option(names = "--gp-preinit-delay", paramLabel = "J", description = "rcutree.gp_preinit_delay: jiffies after the ONOFF pass")
    Integer gpPreinitDelay;

    @Option(names = "--gp-init-delay", paramLabel = "J",
            description = "rcutree.gp_init_delay: jiffies before each rcu_node of the INIT pass")
    Integer gpInitDelay;

    @Option(names = "--gp-cleanup-delay", paramLabel = "J",
            description = "rcutree.gp_cleanup_delay: jiffies after each rcu_node of the cleanup pass")
    Integer gpCleanupDelay;

    @Option(names = "--vcpu-freeze-every", paramLabel = "N",
            description = "vCPU preemption: machine steps between freeze offers, and per CPU between offers at a "
                    + "spin_lock() after a lockless load (default 5000; 0: no freezes)")
    Integer vcpuFreezeEvery;

    ConfigOverrides overrides() {
        Map<WorkloadKnob, Integer> workload = new EnumMap<>(WorkloadKnob.class);
        set(workload, WorkloadKnob.STALL_TIMEOUT, stallTimeout);
        set(workload, WorkloadKnob.WRITER_STALL, writerStall);
        set(workload, WorkloadKnob.READERS, readers);
        set(workload, WorkloadKnob.READER_LOOPS, readerLoops);
        set(workload, WorkloadKnob.UPDATES, updates);
        set(workload, WorkloadKnob.ONOFF_CYCLES, onoffCycles);
        set(workload, WorkloadKnob.FAKEWRITERS, fakewriters);
        set(workload, WorkloadKnob.HOG, hog);
        set(workload, WorkloadKnob.BARRIER, barrier);
        set(workload, WorkloadKnob.STUTTER, stutter);
        set(workload, WorkloadKnob.ONOFF_HOLDOFF, onoffHoldoff);
        set(workload, WorkloadKnob.ONOFF_INTERVAL, onoffInterval);
        set(workload, WorkloadKnob.GP_PREINIT_DELAY, gpPreinitDelay);
        set(workload, WorkloadKnob.GP_INIT_DELAY, gpInitDelay);
        set(workload, WorkloadKnob.GP_CLEANUP_DELAY, gpCleanupDelay);
        set(workload, WorkloadKnob.VCPU_FREEZE_EVERY, vcpuFreezeEvery);
        return new ConfigOverrides(cpus, fanout, fanoutLeaf, nocb, workload);
    }

    private static void set(Map<WorkloadKnob, Integer> workload, WorkloadKnob knob, Integer value) {
        if (value != null) {
            workload.put(knob, value);
        }
    }
}
