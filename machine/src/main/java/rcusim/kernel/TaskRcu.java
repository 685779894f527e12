package rcusim.kernel;

import rcusim.kernel.own.GuardedInt;
import rcusim.kernel.own.GuardedRef;
import rcusim.kernel.own.Ownership;
import rcusim.kernel.own.Rule;
import rcusim.kernel.own.Rules;

/**
 * A task's RCU fields (task_struct's rcu_read_lock_nesting, rcu_read_unlock_special and
 * rcu_blocked_node). Tree RCU owns their meaning; the kernel keeps them with the task, so they
 * follow it when it migrates. Only code running as the task touches them (its own code, or an
 * interrupt handler over it, such as the tick or the expedited IPI), and the ownership checker
 * holds every access to that.
 */
public final class TaskRcu {
    /** rcu_read_lock_nesting. */
    public final GuardedInt readLockNesting;
    /** rcu_read_unlock_special (its bits are RCU's). */
    public final GuardedInt readUnlockSpecial;
    /** rcu_blocked_node: the rcu_node whose blkd_tasks list holds this task, or null. */
    private final GuardedRef<Object> blockedNode;

    TaskRcu(Ownership own, Task task) {
        Rule self = Rules.ownTask(task, task.toString());
        readLockNesting = new GuardedInt(own, task + ".rcu_read_lock_nesting", self, self, 0);
        readUnlockSpecial = new GuardedInt(own, task + ".rcu_read_unlock_special", self, self, 0);
        blockedNode = new GuardedRef<>(own, task + ".rcu_blocked_node", self, self, null);
    }

    /** The rcu_node whose blkd_tasks list holds the task, as the node type RCU uses; null if none. */
    public <N> N blockedNode(Class<N> type) {
        return type.cast(blockedNode.get());
    }

    public void setBlockedNode(Object node) {
        blockedNode.set(node);
    }
}
