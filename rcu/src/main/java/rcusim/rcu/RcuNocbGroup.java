package rcusim.rcu;

import java.util.ArrayList;
import java.util.List;
import rcusim.kernel.Kernel;
import rcusim.kernel.RawSpinlock;
import rcusim.kernel.Task;
import rcusim.kernel.WaitQueue;

/**
 * One rcuog group: the offloaded CPUs whose grace periods one rcuog kthread waits for. The
 * kernel keeps this in the group leader's rcu_data (nocb_head_rdp, nocb_gp_lock,
 * nocb_gp_sleep, nocb_gp_kthread); the leader is the first CPU of its rcu_nocb_gp_stride
 * block, offloaded or not, and the kthread is named after it (rcuog/0, rcuog/4, ...).
 *
 * <p>nocb_gp_sleep is written under nocb_gp_lock and read locklessly by the sleeping rcuog,
 * so it lives in simulated memory.
 */
final class RcuNocbGroup {
    /** The leader's rcu_data (nocb_gp_rdp): its leaf's nocb_gp_wq[] is where rcuog waits for a GP. */
    final RcuData leader;
    /** nocb_head_rdp: the offloaded CPUs of the group, in CPU order. */
    final List<RcuData> members = new ArrayList<>();
    /** nocb_gp_lock: guards nocb_gp_sleep. */
    final RawSpinlock gpLock;
    /** nocb_gp_sleep (simulated memory): 1 while rcuog may sleep without new callbacks. */
    final long gpSleepAddr;
    /** The leader's nocb_gp_wq: where rcuog sleeps while no callback waits for a grace period. */
    final WaitQueue gpWq;
    /** rcuog/N. */
    Task kthread;

    RcuNocbGroup(Kernel k, RcuData leader) {
        this.leader = leader;
        this.gpLock = RawSpinlock.create(k, "rcu_data[" + leader.cpu + "].nocb_gp_lock", "rcu_data.nocb_gp_lock");
        this.gpSleepAddr = k.alloc(1);
        this.gpWq = new WaitQueue("rcu_data[" + leader.cpu + "].nocb_gp_wq");
    }

    String name() {
        return "rcuog/" + leader.cpu;
    }
}
