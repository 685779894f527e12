/**
 * Trace events in ftrace's text format, so that a run's trace reads like the kernel's.
 *
 * <p>Simulated code emits events under the kernel's tracepoint names and fields
 * ({@code rcu_grace_period}, {@code rcu_quiescent_state_report}, ...) to the machine's one
 * {@link rcusim.kernel.trace.Tracer}, which renders each as a line of the kernel's
 * {@code trace} file: {@code <comm>-<pid> [cpu] <flags> <ts>: <event>: <fields>}, under the
 * file's usual header. {@link rcusim.kernel.trace.TraceFlags} packs the latency flags
 * (irqs-off, need-resched, hardirq/softirq, preempt-depth).
 *
 * <p>Tracing costs nothing when it is off: callers test {@code tracer.enabled()} before they
 * build anything, as the kernel's static keys skip a disabled tracepoint.
 */
package rcusim.kernel.trace;
