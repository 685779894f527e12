package rcusim.rcu;

/**
 * Tree RCU's configuration, as the kernel's Kconfig and boot parameters give it.
 *
 * @param preemptible CONFIG_PREEMPT_RCU: readers may be preempted
 * @param fanout RCU_FANOUT
 * @param fanoutLeaf RCU_FANOUT_LEAF
 * @param stallTimeoutJiffies CONFIG_RCU_CPU_STALL_TIMEOUT in jiffies (the kernel clamps the
 *     seconds to 3..300; a simulation may use less so that stalls show within its step budget)
 * @param blimit callbacks invoked per rcu_do_batch() at least
 * @param mutation an injected fault's name, or null
 */
public record RcuConfig(boolean preemptible, int fanout, int fanoutLeaf, long stallTimeoutJiffies, int blimit,
        String mutation) {
    public static final int DEFAULT_FANOUT = 64;
    public static final int DEFAULT_FANOUT_LEAF = 16;

    public RcuConfig {
        if (fanout < 2 || fanout > 64) {
            throw new IllegalArgumentException("RCU_FANOUT must be between 2 and 64, got " + fanout);
        }
        if (fanoutLeaf < 2 || fanoutLeaf > 64) {
            throw new IllegalArgumentException("RCU_FANOUT_LEAF must be between 2 and 64, got " + fanoutLeaf);
        }
        if (stallTimeoutJiffies < 1) {
            throw new IllegalArgumentException("stall timeout must be positive");
        }
        if (blimit < 1) {
            throw new IllegalArgumentException("blimit must be positive");
        }
    }

    /** Preemptible RCU with default fanouts, a 21 s stall timeout at HZ=1000, blimit 10. */
    public static RcuConfig preemptibleDefaults() {
        return new RcuConfig(true, DEFAULT_FANOUT, DEFAULT_FANOUT_LEAF, 21_000, 10, null);
    }

    public static RcuConfig nonPreemptibleDefaults() {
        return new RcuConfig(false, DEFAULT_FANOUT, DEFAULT_FANOUT_LEAF, 21_000, 10, null);
    }

    public RcuConfig withFanout(int f, int leaf) {
        return new RcuConfig(preemptible, f, leaf, stallTimeoutJiffies, blimit, mutation);
    }

    public RcuConfig withStallTimeout(long jiffies) {
        return new RcuConfig(preemptible, fanout, fanoutLeaf, jiffies, blimit, mutation);
    }

    public RcuConfig withMutation(String m) {
        return new RcuConfig(preemptible, fanout, fanoutLeaf, stallTimeoutJiffies, blimit, m);
    }

    boolean injected(String name) {
        return name.equals(mutation);
    }
}
