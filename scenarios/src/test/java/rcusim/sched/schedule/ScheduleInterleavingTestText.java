package rcusim.sched.schedule;

/** The schedule of {@link ScheduleInterleavingTest}, for the command-line tests. */
public final class ScheduleInterleavingTestText {
    public static final String TEXT = ScheduleInterleavingTest.PREEMPTED_READER;

    private ScheduleInterleavingTestText() {
    }
}
