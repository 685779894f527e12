package rcusim.kernel;


/** A CPU hotplug step: runs as simulated code for CPU cpu. */
@FunctionalInterface
public interface CpuhpCallback {
    void run(Kernel k, int cpu);
}
