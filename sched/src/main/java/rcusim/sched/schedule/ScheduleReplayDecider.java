package rcusim.sched.schedule;

import rcusim.kernel.Simulation;
import rcusim.machine.decide.Options;
import rcusim.machine.decide.SteeringDecider;
import rcusim.sched.ReplayDecider;
import rcusim.sched.ReplayDivergedException;
import rcusim.sched.scenario.SimulationObserver;

/**
 * Replays a run that was made under a schedule: the schedule runs again (it raises its
 * interrupts at the same steps) and every decision it makes is checked against the recording
 * by a {@link ReplayDecider}, so a changed simulation or schedule is caught at its first
 * divergence.
 */
public final class ScheduleReplayDecider implements SteeringDecider, SimulationObserver {
    private final ScheduleDecider schedule;
    private final ReplayDecider recording;
    private int decision;

    public ScheduleReplayDecider(ScheduleDecider schedule, ReplayDecider recording) {
        this.schedule = schedule;
        this.recording = recording;
    }

    public ScheduleDecider schedule() {
        return schedule;
    }

    @Override
    public void attach(Simulation m) {
        schedule.attach(m);
    }

    @Override
    public void beforeStep(long step) {
        schedule.beforeStep(step);
    }

    @Override
    public int choose(Options o) {
        int recorded = recording.choose(o);
        int now = schedule.choose(o);
        if (now != recorded) {
            throw new ReplayDivergedException(decision, "the schedule chose option " + now + " of " + o.size()
                    + " at step " + o.step() + ", the recording " + recorded + " (" + o.describe() + ")");
        }
        decision++;
        return now;
    }
}
