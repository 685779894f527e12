package rcusim.rcu;

import rcusim.kernel.Kernel;
import rcusim.kernel.RawSpinlock;
import rcusim.kernel.Task;
import rcusim.kernel.WaitQueue;

/**
 * The NOCB fields of one offloaded CPU's rcu_data ({@code kernel/rcu/tree.h}, CONFIG_RCU_NOCB_CPU):
 * nocb_lock, which alone guards the offloaded cblist; the rcuo kthread's wait queue and its
 * nocb_cb_sleep flag; and the rcuog group this CPU belongs to (the kernel's nocb_gp_rdp).
 *
 * <p>nocb_cb_sleep is written under nocb_lock and read locklessly by the sleeping rcuo kthread
 * (READ_ONCE), so it lives in simulated memory. No bypass list: see {@link RcuNocb}.
 */
final class RcuNocbData {
    /** nocb_lock: the cblist's lock while offloaded (always taken with irqs disabled). */
    final RawSpinlock nocbLock;
    /** nocb_cb_wq: where rcuo waits for ready callbacks. */
    final WaitQueue cbWq;
    /** nocb_cb_sleep (simulated memory): 1 while rcuo has nothing to invoke. */
    final long cbSleepAddr;
    /** The rcuog group (nocb_gp_rdp's kthread and flags). */
    RcuNocbGroup group;
    /** rcuo{p,s}/N. */
    Task cbKthread;

    RcuNocbData(Kernel k, int cpu) {
        this.nocbLock = RawSpinlock.create(k, "rcu_data[" + cpu + "].nocb_lock", "rcu_data.nocb_lock");
        this.cbWq = new WaitQueue("rcu_data[" + cpu + "].nocb_cb_wq");
        this.cbSleepAddr = k.alloc(1, 1);
    }
}
