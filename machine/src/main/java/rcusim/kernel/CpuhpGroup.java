package rcusim.kernel;


/** Where and when a CPU hotplug step runs (the sections of the kernel's cpuhp state machine). */
public enum CpuhpGroup {
    /** On the control CPU: startup before the CPU boots, teardown after it is dead. */
    PREPARE,
    /** On the CPU itself with irqs disabled: startup as it boots, teardown as it dies (in stop-machine). */
    STARTING,
    /** On the dying CPU's idle task once it has stopped, irqs disabled (rcutree_report_cpu_dead()); teardown only. */
    IDLE_DEAD,
    /** Startup once the CPU is online, teardown before it goes down. The kernel runs these on
     *  the CPU's hotplug thread; here they run in the control task. */
    ONLINE
}
