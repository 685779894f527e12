package rcusim.rcu;

/**
 * The kernel's grace-period window wideners, the boot parameters {@code rcutree.gp_preinit_delay},
 * {@code rcutree.gp_init_delay} and {@code rcutree.gp_cleanup_delay}: jiffies the grace-period
 * kthread sleeps (schedule_timeout_idle()) after the ONOFF pass, before each rcu_node of the INIT
 * pass and after each rcu_node of the cleanup pass. As in the kernel's rcu_gp_slow(), a delay d
 * only acts in grace periods whose counter is a multiple of {@code rcu_num_nodes *
 * PER_RCU_NODE_PERIOD * d}, so that a run is slowed now and then, not throughout. 0 turns one off.
 *
 * @param preinit gp_preinit_delay: after the ONOFF pass, before the INIT pass (races with hotplug)
 * @param init gp_init_delay: before each rcu_node of the INIT pass
 * @param cleanup gp_cleanup_delay: after each rcu_node of the cleanup pass
 */
public record RcuGpDelays(int preinit, int init, int cleanup) {
    /** No delays: the kernel's default. */
    public static final RcuGpDelays NONE = new RcuGpDelays(0, 0, 0);
    /** tree.c's PER_RCU_NODE_PERIOD: a delay acts once every this many grace periods per rcu_node, per jiffy. */
    static final int PER_RCU_NODE_PERIOD = 3;

    public RcuGpDelays {
        check("rcutree.gp_preinit_delay", preinit);
        check("rcutree.gp_init_delay", init);
        check("rcutree.gp_cleanup_delay", cleanup);
    }

    private static void check(String name, int v) {
        if (v < 0 || v > 1000) {
            throw new IllegalArgumentException(name + " must be between 0 and 1000 jiffies, got " + v);
        }
    }

    public boolean any() {
        return preinit > 0 || init > 0 || cleanup > 0;
    }

    /**
     * rcu_gp_slow()'s test: does a delay of d jiffies act in the grace period whose counter is
     * gpSeq, on a tree of numNodes rcu_nodes? (rcu_seq_ctr() of gp_seq, unsigned, modulo
     * {@code numNodes * PER_RCU_NODE_PERIOD * d}.)
     */
    static boolean acts(long gpSeq, int numNodes, int d) {
        return d > 0 && Long.remainderUnsigned(gpSeq >>> RcuSeq.CTR_SHIFT, (long) numNodes * PER_RCU_NODE_PERIOD * d) == 0;
    }
}
