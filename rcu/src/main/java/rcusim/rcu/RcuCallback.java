package rcusim.rcu;

import rcusim.kernel.Kernel;

/** An RCU callback function (rcu_callback_t), run on the CPU that invokes it after a grace period. */
@FunctionalInterface
public interface RcuCallback {
    void invoke(Kernel k);
}
