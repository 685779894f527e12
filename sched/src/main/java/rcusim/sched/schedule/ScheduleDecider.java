package rcusim.sched.schedule;

import java.util.ArrayList;
import java.util.List;
import rcusim.kernel.KernelWatcher;
import rcusim.kernel.ScheduleControl;
import rcusim.kernel.Simulation;
import rcusim.kernel.Task;
import rcusim.kernel.TaskState;
import rcusim.machine.RunResult;
import rcusim.machine.Vector;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;
import rcusim.machine.decide.SteeringDecider;
import rcusim.sched.Strategies;
import rcusim.sched.scenario.SimulationObserver;

/**
 * Follows a {@link Schedule} step by step, then hands over to its tail strategy. What each step
 * means in the machine's options:
 *
 * <ul>
 *   <li>{@code step cpu N}: the STEP option of CPU N (one decision); {@code drain cpu N [entry E]}:
 *       its E-th DRAIN option; {@code irq V cpu N}: its INTERRUPT option of vector V. {@code x K}
 *       repeats the decision K times. A decision the machine does not ask (one option only) is
 *       taken without a line.</li>
 *   <li>{@code read/resched/place/pick cpu N ...}: the answer to the next choice of that kind
 *       asked inside an operation. Every inner choice no line answers takes option 0: the newest
 *       value, no reschedule, the first placement, the first runnable task.</li>
 *   <li>{@code run TASK until C}: the STEP of the CPU TASK is current on (whatever context runs
 *       there: an interrupt taken on a forced move runs first), or of the CPU whose runqueue it
 *       waits on (that CPU runs on until it switches to TASK), until C holds. When that CPU
 *       cannot step, a store-buffer entry drains instead (its own first, else another CPU's:
 *       what it waits for may be a store still buffered there); with nothing to drain either,
 *       the run stops. Pending interrupts stay pending meanwhile. A task that
 *       sleeps (or exited) before C holds stops the run.</li>
 *   <li>{@code until C}: every option in turn (round robin over CPUs, steps, drains and
 *       interrupts), until C holds.</li>
 *   <li>{@code tick cpu N}: a tick raised on demand (unless one is pending), taken, then CPU N
 *       steps until it is back in task code; the tick's reschedule choice is no, or yes with
 *       {@code resched}. {@code preempt cpu N}: need_resched and a reschedule IPI, taken, then
 *       CPU N steps until the scheduler has run (another task, or the same one, is back in
 *       task code): the irq exit preemption the kernel does, with rcu_note_context_switch().</li>
 *   <li>{@code raise V cpu N [at step S]}: raise the interrupt and go on (no decision).</li>
 *   <li>{@code offline cpu N} / {@code online cpu N}: a workload kthread {@code sched_hotplug},
 *       bound to the lowest other online CPU (or {@code from cpu C}) and made runnable there
 *       with a reschedule, calls cpu_down(N) / add_cpu(N); every option in turn until it has
 *       exited. {@code start ...} only starts it.</li>
 * </ul>
 *
 * A step the run cannot take stops it with {@link ScheduleStuckException}. The conditions are
 * checked before every machine step, so a step ends at the exact step its condition came true.
 */
public final class ScheduleDecider implements SteeringDecider, KernelWatcher, SimulationObserver {
    private final Schedule schedule;
    private final Decider tail;
    private final List<Intervention> interventions = new ArrayList<>();
    private ScheduleControl ctl;

    private int index = -1;
    private int remaining;
    /** For tick and preempt: 0 before the interrupt is raised, 1 until it is taken, 2 until handled. */
    private int phase;
    private boolean conditionMet;
    private boolean reschedAsked;
    private long decisions;
    private long step;
    private long lastRoundRobinKey = -1;
    /** The control task of the hotplug operation the current step waits for. */
    private Task hotplugTask;

    /**
     * @param seed the seed of the tail strategy (the run's seed)
     */
    public ScheduleDecider(Schedule schedule, long seed) {
        this.schedule = schedule;
        this.tail = schedule.tail().equals("stop") ? null : Strategies.create(schedule.tail(), seed);
    }

    @Override
    public void attach(Simulation m) {
        ctl = m.scheduleControl();
        m.watch(this);
        for (Step s : schedule.steps()) {
            int cpu = cpuOf(s);
            if (cpu >= ctl.cpus()) {
                throw new ScheduleException(schedule.file(), s.line(), s.col(), "'" + s + "': CPU " + cpu
                        + " is out of range (the machine has CPUs 0 to " + (ctl.cpus() - 1) + ")");
            }
        }
        enter(0);
    }

    /** What the schedule raised on demand, in order, for a schedule written out of this run. */
    public List<Intervention> interventions() {
        return List.copyOf(interventions);
    }

    public Schedule schedule() {
        return schedule;
    }

    /** Whether every step was taken. */
    public boolean finished() {
        return index >= schedule.steps().size();
    }

    /**
     * After the run: a run that passed with steps left over stops on the first of them (its
     * condition never came true, its CPU never acted again). A failed run is a finding.
     */
    public void checkFinished(RunResult r) {
        if (r.passed() && !finished()) {
            Step s = current();
            String why = s instanceof Step.RunUntil u && u.until().kind() == Condition.Kind.LABEL
                    ? "label " + u.until().name() + " was never passed"
                    : s instanceof Step.RunUntil u && u.until().kind() == Condition.Kind.TRACEPOINT
                            ? "trace event " + u.until().name() + (u.until().word() == null ? ""
                                    : " with " + u.until().word()) + " was never emitted"
                            : "the step was never taken" + (cpuOf(s) >= 0 && !ctl.online(cpuOf(s)) ? " (CPU " + cpuOf(s)
                                    + " is offline)" : "");
            throw stuck(s, "the run ended (every workload task finished) first: " + why);
        }
    }

    // ---------------------------------------------------------------- between steps

    @Override
    public void beforeStep(long machineStep) {
        step = machineStep;
        while (!finished()) {
            Step s = current();
            if (!advanceBeforeStep(s)) {
                return;
            }
            enter(index + 1);
        }
    }

    /** Does what s does between steps; true when s is done. */
    private boolean advanceBeforeStep(Step s) {
        switch (s) {
            case Step.Raise r -> {
                if (r.atStep() >= 0 && step < r.atStep()) {
                    return false;
                }
                if (r.atStep() >= 0 && step > r.atStep()) {
                    throw stuck(s, "the run is already at step " + step);
                }
                if (!ctl.online(r.cpu())) {
                    throw stuck(s, "CPU " + r.cpu() + " is offline");
                }
                raise(r.vector(), r.cpu());
                return true;
            }
            case Step.Tick t -> {
                return interruptThenHandle(s, t.cpu(), Vector.TICK, t.resched());
            }
            case Step.Preempt p -> {
                return interruptThenHandle(s, p.cpu(), Vector.RESCHEDULE, false);
            }
            case Step.RunUntil u -> {
                return conditionHolds(u);
            }
            case Step.Hotplug h -> {
                return hotplug(h);
            }
            case Step.DrainAll d -> {
                if (phase == 0 && ctl.storeBufferSize(d.cpu()) == 0) {
                    throw stuck(s, "nothing to drain: CPU " + d.cpu() + "'s store buffer is empty");
                }
                phase = 1;
                return ctl.storeBufferSize(d.cpu()) == 0;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean hotplug(Step.Hotplug h) {
        if (phase == 0) {
            if (h.atStep() >= 0 && step < h.atStep()) {
                return false;
            }
            if (h.atStep() >= 0 && step > h.atStep()) {
                throw stuck(h, "the run is already at step " + step);
            }
            int from = h.from();
            for (int c = 0; from < 0 && c < ctl.cpus(); c++) {
                if (c != h.cpu() && ctl.online(c)) {
                    from = c;
                }
            }
            if (from < 0) {
                throw stuck(h, "no other CPU is online to run the control task");
            }
            String[] why = new String[1];
            hotplugTask = ctl.startHotplug(h.cpu(), h.down(), from, why);
            if (hotplugTask == null) {
                throw stuck(h, why[0]);
            }
            interventions.add(new Intervention(decisions, step, "start " + (h.down() ? "offline" : "online") + " cpu "
                    + h.cpu() + " from cpu " + from));
            phase = 1;
        }
        return !h.untilDone() || hotplugTask.state() == TaskState.DEAD;
    }

    private boolean interruptThenHandle(Step s, int cpu, Vector v, boolean resched) {
        if (phase == 0) {
            if (!ctl.online(cpu)) {
                throw stuck(s, "CPU " + cpu + " is offline");
            }
            if (v == Vector.RESCHEDULE) {
                String why = ctl.whyNotPreemptible(cpu);
                if (why != null) {
                    throw stuck(s, why);
                }
            }
            String why = ctl.whyNotInterruptible(cpu);
            if (why != null) {
                throw stuck(s, why);
            }
            if (v == Vector.RESCHEDULE || !ctl.pending(cpu, v)) {
                raise(v, cpu);
            }
            phase = 1;
            return false;
        }
        if (phase == 1 && !ctl.pending(cpu, v)) {
            phase = 2; // taken as a forced move
        }
        if (phase == 2 && ctl.inTaskCode(cpu)) {
            if (resched && !reschedAsked) {
                throw stuck(s, "the tick on CPU " + cpu + " did not ask whether to reschedule (no other task is"
                        + " runnable there, or need_resched was already set)");
            }
            return true;
        }
        return false;
    }

    private void raise(Vector v, int cpu) {
        if (v == Vector.TICK) {
            ctl.raiseTick(cpu);
        } else {
            ctl.reschedCpu(cpu);
        }
        interventions.add(new Intervention(decisions, step, "raise " + Vectors.name(v) + " cpu " + cpu));
    }

    private boolean conditionHolds(Step.RunUntil u) {
        Condition c = u.until();
        if (c.kind() == Condition.Kind.LABEL || c.kind() == Condition.Kind.TRACEPOINT) {
            return conditionMet;
        }
        Task t = task(u);
        return c.kind() == Condition.Kind.EXIT ? t.state() == TaskState.DEAD : t.state() != TaskState.RUNNING;
    }

    private Task task(Step.RunUntil u) {
        Task t = ctl.task(u.task());
        if (t == null) {
            throw stuck(u, "no task named " + u.task());
        }
        return t;
    }

    // ---------------------------------------------------------------- KernelWatcher

    @Override
    public void label(int cpu, String task, String name) {
        if (!finished() && current() instanceof Step.RunUntil u && u.until().kind() == Condition.Kind.LABEL
                && u.until().name().equals(name) && (u.task() == null || u.task().equals(task))) {
            conditionMet = true;
        }
    }

    @Override
    public void tracepoint(int cpu, String event, String fields) {
        if (!finished() && current() instanceof Step.RunUntil u && u.until().kind() == Condition.Kind.TRACEPOINT
                && u.until().name().equals(event) && (u.until().word() == null || hasWord(fields, u.until().word()))) {
            conditionMet = true;
        }
    }

    private static boolean hasWord(String fields, String word) {
        for (String w : fields.split("[\\s=]+")) {
            if (w.equals(word)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- decisions

    @Override
    public int choose(Options o) {
        int i = decide(o);
        decisions++;
        return i;
    }

    private int decide(Options o) {
        if (finished()) {
            if (tail == null) {
                throw new ScheduleStuckException(schedule.file(), schedule.tailLine(), 1, "the schedule ended ('then stop')"
                        + " but the run asks for another decision at step " + step + ": " + o.describe(), step);
            }
            return tail.choose(o);
        }
        Step s = current();
        if (isInner(o.kind(0))) {
            return inner(o, s);
        }
        switch (s) {
            case Step.Move m -> {
                int i = find(o, m.kind(), m.cpu(), m.arg());
                if (i < 0) {
                    throw stuck(s, whyNot(o, m));
                }
                if (--remaining == 0) {
                    enter(index + 1);
                }
                return i;
            }
            case Step.DrainAll d -> {
                int i = find(o, OptionKind.DRAIN, d.cpu(), -1);
                if (i < 0) {
                    throw stuck(s, "CPU " + d.cpu() + " has no entry that may drain now: " + ctl.describe(d.cpu()));
                }
                return i;
            }
            case Step.Hotplug h -> {
                if (phase == 0) {
                    throw stuck(s, "the run asks for a decision at step " + step + ", before step " + h.atStep()
                            + ": " + o.describe());
                }
                return roundRobin(o);
            }
            case Step.RunUntil u -> {
                if (u.task() == null) {
                    return roundRobin(o);
                }
                Task t = task(u);
                int cpu = ctl.cpuOf(t);
                if (cpu < 0 && t.state() == TaskState.RUNNING && t.cpu() >= 0) {
                    cpu = t.cpu(); // queued there: that CPU runs on until it switches to the task
                }
                if (cpu < 0) {
                    throw stuck(s, "task " + u.task() + " is not runnable (" + t.state() + ")");
                }
                return stepOrDrain(o, cpu, s);
            }
            case Step.Tick t -> {
                return interruptOrStep(o, s, t.cpu(), Vector.TICK);
            }
            case Step.Preempt p -> {
                return interruptOrStep(o, s, p.cpu(), Vector.RESCHEDULE);
            }
            case Step.Raise r -> throw stuck(s, "the run asks for a decision at step " + step + ", before step "
                    + r.atStep() + ": " + o.describe());
            case Step.Inner in -> throw stuck(s, "the run asks which option acts next (" + o.describe()
                    + "), not for a " + in.kind() + " choice");
        }
    }

    private int inner(Options o, Step s) {
        OptionKind kind = o.kind(0);
        if (s instanceof Step.Inner in && in.kind() == kind) {
            if (in.cpu() != o.cpu(0)) {
                throw stuck(s, "the run asks for a " + kind + " choice on CPU " + o.cpu(0) + ", not CPU " + in.cpu());
            }
            if (in.choice() >= o.size()) {
                throw stuck(s, "only " + o.size() + " choices (0 to " + (o.size() - 1) + ") are offered");
            }
            enter(index + 1);
            return in.choice();
        }
        if (s instanceof Step.Tick t && phase >= 1 && kind == OptionKind.RESCHED && o.cpu(0) == t.cpu()) {
            reschedAsked = true;
            return t.resched() ? 1 : 0;
        }
        return 0;
    }

    private int interruptOrStep(Options o, Step s, int cpu, Vector v) {
        if (phase == 1) {
            int i = find(o, OptionKind.INTERRUPT, cpu, v.ordinal());
            if (i < 0) {
                String why = ctl.whyNotInterruptible(cpu);
                throw stuck(s, why != null ? why : "CPU " + cpu + " cannot take the " + Vectors.name(v) + " interrupt: "
                        + ctl.describe(cpu));
            }
            phase = 2;
            return i;
        }
        return stepOrDrain(o, cpu, s);
    }

    private int stepOrDrain(Options o, int cpu, Step s) {
        int i = find(o, OptionKind.STEP, cpu, -1);
        if (i < 0) {
            i = find(o, OptionKind.DRAIN, cpu, -1);
        }
        if (i < 0) {
            // what it waits for may be another CPU's buffered store (a lock released, a flag set)
            i = find(o, OptionKind.DRAIN, -1, -1);
        }
        if (i < 0) {
            throw stuck(s, "CPU " + cpu + " cannot step: " + ctl.describe(cpu));
        }
        return i;
    }

    /** The option after the one chosen last, in (CPU, kind, argument) order: everything gets its turn. */
    private int roundRobin(Options o) {
        int chosen = 0;
        for (int i = 0; i < o.size(); i++) {
            if (key(o, i) > lastRoundRobinKey) {
                chosen = i;
                break;
            }
        }
        lastRoundRobinKey = key(o, chosen);
        return chosen;
    }

    private static long key(Options o, int i) {
        return (long) o.cpu(i) << 24 | (long) o.kind(i).ordinal() << 16 | o.arg(i);
    }

    private String whyNot(Options o, Step.Move m) {
        if (!ctl.online(m.cpu())) {
            return "CPU " + m.cpu() + " is offline";
        }
        String what = switch (m.kind()) {
            case STEP -> "CPU " + m.cpu() + " cannot step";
            case DRAIN -> "CPU " + m.cpu() + " has no store-buffer entry " + m.arg() + " that may drain";
            default -> "the " + Vectors.name(Vector.values()[m.arg()]) + " interrupt is not "
                    + (ctl.pending(m.cpu(), Vector.values()[m.arg()]) ? "takeable" : "pending") + " on CPU " + m.cpu();
        };
        return what + " (" + ctl.describe(m.cpu()) + "); offered: " + o.describe();
    }

    /** The first option of that kind and CPU (any CPU if -1) and argument (any if -1), or -1. */
    private static int find(Options o, OptionKind kind, int cpu, int arg) {
        for (int i = 0; i < o.size(); i++) {
            if (o.kind(i) == kind && (cpu < 0 || o.cpu(i) == cpu) && (arg < 0 || o.arg(i) == arg)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isInner(OptionKind k) {
        return k != OptionKind.STEP && k != OptionKind.DRAIN && k != OptionKind.INTERRUPT;
    }

    // ---------------------------------------------------------------- steps

    private Step current() {
        return schedule.steps().get(index);
    }

    private void enter(int i) {
        index = i;
        phase = 0;
        conditionMet = false;
        reschedAsked = false;
        remaining = finished() ? 0 : current() instanceof Step.Move m ? m.count() : 1;
    }

    private ScheduleStuckException stuck(Step s, String why) {
        return new ScheduleStuckException(schedule.file(), s.line(), s.col(), "step '" + s + "' cannot be taken at step "
                + step + " (decision " + decisions + "): " + why, step);
    }

    private static int cpuOf(Step s) {
        return switch (s) {
            case Step.Move m -> m.cpu();
            case Step.DrainAll d -> d.cpu();
            case Step.Inner in -> in.cpu();
            case Step.Raise r -> r.cpu();
            case Step.Tick t -> t.cpu();
            case Step.Preempt p -> p.cpu();
            case Step.Hotplug h -> Math.max(h.cpu(), h.from());
            case Step.RunUntil u -> -1;
        };
    }
}
