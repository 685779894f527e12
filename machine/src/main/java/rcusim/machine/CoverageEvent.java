package rcusim.machine;

/**
 * A "sometimes" event a run may reach (a grace period ended while a reader was preempted, a CPU
 * went offline during grace-period initialisation, ...), declared once by the code that reports
 * it, so that a misspelt event cannot silently become a new one and a campaign's report can
 * list the events no run reached. Campaigns count, per event, the runs that reached it.
 */
public interface CoverageEvent {
    /** How the event reads in reports, e.g. "rcu: a reader was preempted"; unique per event. */
    String text();
}
