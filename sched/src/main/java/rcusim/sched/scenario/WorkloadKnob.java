package rcusim.sched.scenario;

import java.util.Optional;

/**
 * The workload knobs a scenario may take on the command line and in a replay file's options
 * ({@code --readers 1 --stall-timeout 60}), in command-line order: stall timeouts in jiffies
 * (RCU's CPU stall timeout, rcutorture's writer stall), rcutorture's task counts and lengths,
 * 0/1 switches for its optional tasks, the kernel's grace-period delays and the machine's vCPU
 * freeze interval. {@code rcusim shrink} turns the first ones down to shorten a failing run.
 */
public enum WorkloadKnob {
    STALL_TIMEOUT("stall-timeout", "J", "RCU CPU stall timeout in jiffies", true),
    WRITER_STALL("writer-stall", "J", "rcutorture's writer stall timeout in jiffies", true),
    READERS("readers", "N", "rcutorture reader kthreads", false),
    READER_LOOPS("reader-loops", "N", "read-side critical sections per reader", false),
    UPDATES("updates", "N", "updates per writer", false),
    ONOFF_CYCLES("onoff-cycles", "N", "CPU hotplug offline/online cycles", false),
    FAKEWRITERS("fakewriters", "0|1", "whether the call_rcu() writer runs", false),
    HOG("hog", "0|1", "whether the CPU hog runs", false),
    BARRIER("barrier", "0|1", "whether the rcu_barrier() tester runs", false),
    STUTTER("stutter", "J", "rcutorture's stutter: readers and the call_rcu() writer run J jiffies, then pause J (0: never)",
            false),
    ONOFF_HOLDOFF("onoff-holdoff", "J", "rcutorture.onoff_holdoff: jiffies before the first CPU hotplug operation", false),
    ONOFF_INTERVAL("onoff-interval", "J", "rcutorture.onoff_interval: jiffies between CPU hotplug operations", false),
    GP_PREINIT_DELAY("gp-preinit-delay", "J", "rcutree.gp_preinit_delay: jiffies after the ONOFF pass", false),
    GP_INIT_DELAY("gp-init-delay", "J", "rcutree.gp_init_delay: jiffies before each rcu_node of the INIT pass", false),
    GP_CLEANUP_DELAY("gp-cleanup-delay", "J", "rcutree.gp_cleanup_delay: jiffies after each rcu_node of the cleanup pass",
            false),
    VCPU_FREEZE_EVERY("vcpu-freeze-every", "N", "vCPU preemption: machine steps between freeze offers, and per CPU between"
            + " offers at a spin_lock() after a lockless load (default 5000; 0: no freezes)", false);

    private final String optionName;
    private final String paramLabel;
    private final String description;
    private final boolean stricter;

    WorkloadKnob(String optionName, String paramLabel, String description, boolean stricter) {
        this.optionName = optionName;
        this.paramLabel = paramLabel;
        this.description = description;
        this.stricter = stricter;
    }

    /** The name without dashes, e.g. {@code stall-timeout}. */
    public String optionName() {
        return optionName;
    }

    /** The command-line option, e.g. {@code --stall-timeout}. */
    public String option() {
        return "--" + optionName;
    }

    /** What the value is, for the option's help: J (jiffies), N (a count) or 0|1. */
    public String paramLabel() {
        return paramLabel;
    }

    /** One line for the option's help. */
    public String description() {
        return description;
    }

    /**
     * Whether turning this knob down makes the checks stricter rather than the run lighter: a
     * failure under a shortened stall timeout may be a false alarm, so {@code rcusim shrink}
     * keeps such a step only when the scenario without its injected fault does not fail the
     * same way.
     */
    public boolean stricter() {
        return stricter;
    }

    /** The knob of that name (with or without the leading dashes), if there is one. */
    public static Optional<WorkloadKnob> byName(String name) {
        String bare = name.startsWith("--") ? name.substring(2) : name;
        for (WorkloadKnob k : values()) {
            if (k.optionName.equals(bare)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
