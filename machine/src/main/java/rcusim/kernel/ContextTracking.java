package rcusim.kernel;

import rcusim.machine.memory.Address;

/**
 * KernelContext tracking as RCU sees it: a per-CPU counter in simulated memory, odd while RCU
 * watches the CPU (in the kernel, or in an interrupt taken from idle or user mode) and even
 * while it does not (idle, user mode). Every change is a fully ordered atomic add, so a remote
 * CPU that samples the counter (RCU's force-quiescent-state scan) sees everything the CPU did
 * before it stopped being watched. The kernel's counter keeps the watching state in a bit of
 * a larger word; only its parity matters here.
 */
final class ContextTracking {
    private ContextTracking() {
    }

    /** ct_idle_enter() / ct_user_enter(): RCU stops watching. */
    static void exitKernel(Kernel k, boolean user) {
        PerCpu c = k.thisCpu();
        if (c.ctNesting != 1) {
            throw k.misuse("context tracking: leaving the kernel twice");
        }
        k.env().hooks.eqsEnter(k, user);
        c = k.thisCpu();
        k.atomicAddReturn(Address.of(c.ctCounterLoc), 1);
        k.thisCpu().ctNesting = 0;
    }

    /** ct_idle_exit() / ct_user_exit(): RCU watches again. */
    static void enterKernel(Kernel k, boolean user) {
        PerCpu c = k.thisCpu();
        if (c.ctNesting != 0) {
            throw k.misuse("context tracking: entering the kernel twice");
        }
        c.ctNesting = 1;
        k.atomicAddReturn(Address.of(c.ctCounterLoc), 1);
        k.env().hooks.eqsExit(k, user);
    }

    /** ct_irq_enter(): an interrupt from idle or user mode makes RCU watch. */
    static void irqEnter(Kernel k) {
        PerCpu c = k.thisCpu();
        if (c.ctCounterLoc < 0) {
            return;
        }
        if (c.ctNesting == 0 && c.ctIrqNesting == 0) {
            c.ctIrqNesting++;
            k.atomicAddReturn(Address.of(c.ctCounterLoc), 1);
        } else {
            c.ctIrqNesting++;
        }
    }

    static void irqExit(Kernel k) {
        PerCpu c = k.thisCpu();
        if (c.ctCounterLoc < 0) {
            return;
        }
        if (c.ctNesting == 0 && c.ctIrqNesting == 1) {
            k.atomicAddReturn(Address.of(c.ctCounterLoc), 1);
        }
        k.thisCpu().ctIrqNesting--;
    }
}
