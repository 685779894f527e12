package rcusim.machine;

/** A CPU hotplug step: runs as simulated code for CPU cpu. */
@FunctionalInterface
public interface CpuhpCallback {
    void run(Kernel k, int cpu);
}
