package rcusim.sched.schedule;

import java.util.ArrayList;
import java.util.List;
import rcusim.kernel.Simulation;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;
import rcusim.machine.decide.SteeringDecider;
import rcusim.sched.scenario.SimulationObserver;

/**
 * Wraps the decider of a run (a replay's) and notes what each decision chose, by kind, CPU and
 * argument, so that {@link ScheduleWriter} can write the run as a schedule. It changes nothing:
 * every call goes through to the wrapped decider.
 */
public final class ScheduleRecorder implements SteeringDecider, SimulationObserver {
    /** One decision: a top-level move (kind STEP, DRAIN or INTERRUPT with its argument) or an inner choice. */
    public record Choice(OptionKind kind, int cpu, int arg, boolean inner) {
    }

    private final Decider inner;
    private final List<Choice> choices = new ArrayList<>();

    public ScheduleRecorder(Decider inner) {
        this.inner = inner;
    }

    @Override
    public void attach(Simulation m) {
        if (inner instanceof SimulationObserver o) {
            o.attach(m);
        }
    }

    @Override
    public void beforeStep(long step) {
        if (inner instanceof SteeringDecider s) {
            s.beforeStep(step);
        }
    }

    @Override
    public int choose(Options o) {
        int i = inner.choose(o);
        if (ScheduleDecider.isInner(o.kind(0))) {
            choices.add(new Choice(o.kind(0), o.cpu(0), i, true));
        } else {
            choices.add(new Choice(o.kind(i), o.cpu(i), o.arg(i), false));
        }
        return i;
    }

    /** The decider it records. */
    public Decider wrapped() {
        return inner;
    }

    public List<Choice> choices() {
        return List.copyOf(choices);
    }
}
