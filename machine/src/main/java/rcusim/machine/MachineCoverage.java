package rcusim.machine;

/** The "sometimes" events of the machine itself, as coverage reports print them. */
public enum MachineCoverage implements CoverageEvent {
    /** vCPU preemption: a CPU stood still for a long stretch ({@link VcpuFreeze}). */
    VCPU_FROZEN("machine: vCPU frozen (descheduled by the hypervisor)"),
    /** The same, just before a spin_lock() that follows a lockless load (a check-then-lock window). */
    VCPU_FROZEN_AFTER_LOAD("machine: vCPU frozen between a lockless load and the spin_lock() after it");

    private final String text;

    MachineCoverage(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
