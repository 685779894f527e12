package rcusim.sched.schedule;

/**
 * A step of a schedule that the run cannot take where it is (the CPU is offline, the task is
 * not running, the label was never passed before the run ended, nothing to drain): the run is
 * stopped there, naming the step's line and why. A fault of the schedule, not a finding in
 * the simulated code: exit 3.
 */
public final class ScheduleStuckException extends ScheduleException {
    private static final long serialVersionUID = 1L;
    private final long step;

    public ScheduleStuckException(String file, int line, int col, String message, long step) {
        super(file, line, col, message);
        this.step = step;
    }

    /** The machine step the run had reached. */
    public long step() {
        return step;
    }
}
