package rcusim.sched.schedule;

import rcusim.machine.Vector;
import rcusim.machine.decide.OptionKind;

/**
 * One line of a schedule. Every step knows its line and column (for messages) and prints as
 * the text that parses back to it. What each step does in terms of the machine's options is
 * documented in docs/schedules.md and in {@link ScheduleDecider}.
 */
public sealed interface Step {
    int line();

    int col();

    /**
     * A top-level decision taken {@code count} times: the STEP of a CPU, a DRAIN of one of its
     * store-buffer entries ({@code arg}: the index among its drainable entries), or taking a
     * pending INTERRUPT ({@code arg}: the vector's ordinal).
     */
    record Move(int line, int col, OptionKind kind, int cpu, int arg, int count) implements Step {
        @Override
        public String toString() {
            String base = switch (kind) {
                case STEP -> "step cpu " + cpu;
                case DRAIN -> "drain cpu " + cpu + (arg == 0 ? "" : " entry " + arg);
                case INTERRUPT -> "irq " + Vectors.name(Vector.values()[arg]) + " cpu " + cpu;
                default -> throw new IllegalStateException(kind.toString());
            };
            return count == 1 ? base : base + " x " + count;
        }
    }

    /** {@code drain cpu N all}: drain the CPU's store buffer until it is empty. */
    record DrainAll(int line, int col, int cpu) implements Step {
        @Override
        public String toString() {
            return "drain cpu " + cpu + " all";
        }
    }

    /**
     * The answer to the next choice asked inside an operation, of this kind and for this CPU:
     * READ_VALUE (which readable value a load returns, 0 = newest), RESCHED (1: the tick asks
     * for a reschedule), PLACE (the index of the CPU a woken task goes to), PICK (the index of
     * the task a CPU switches to), FREEZE (0: the CPU runs on; j: frozen for the machine's j-th
     * freeze length, vCPU preemption).
     */
    record Inner(int line, int col, OptionKind kind, int cpu, int choice) implements Step {
        @Override
        public String toString() {
            return switch (kind) {
                case READ_VALUE -> "read cpu " + cpu + " value " + choice;
                case RESCHED -> "resched cpu " + cpu + (choice == 1 ? " yes" : " no");
                case PLACE -> "place cpu " + cpu + " choice " + choice;
                case PICK -> "pick cpu " + cpu + " choice " + choice;
                case FREEZE -> "freeze cpu " + cpu + " choice " + choice;
                default -> throw new IllegalStateException(kind.toString());
            };
        }
    }

    /**
     * Raise an interrupt on a CPU now (a tick on demand; a reschedule IPI with need_resched
     * set), at machine step {@code atStep} when that is not -1. Not a decision.
     */
    record Raise(int line, int col, Vector vector, int cpu, long atStep) implements Step {
        @Override
        public String toString() {
            return "raise " + Vectors.name(vector) + " cpu " + cpu + (atStep < 0 ? "" : " at step " + atStep);
        }
    }

    /** {@code tick cpu N [resched]}: the CPU's tick, on demand, handled to its end. */
    record Tick(int line, int col, int cpu, boolean resched) implements Step {
        @Override
        public String toString() {
            return "tick cpu " + cpu + (resched ? " resched" : "");
        }
    }

    /** {@code preempt cpu N}: the CPU's task is preempted at the exit of a reschedule IPI. */
    record Preempt(int line, int col, int cpu) implements Step {
        @Override
        public String toString() {
            return "preempt cpu " + cpu;
        }
    }

    /**
     * A CPU hotplug operation: {@code offline cpu N} / {@code online cpu N} start it and let every
     * CPU run in turn until it is done ({@code untilDone}); {@code start offline cpu N from cpu C [at
     * step S]} only starts it. The control task runs on CPU {@code from} (-1: the lowest other
     * online CPU).
     */
    record Hotplug(int line, int col, boolean down, int cpu, int from, long atStep, boolean untilDone) implements Step {
        @Override
        public String toString() {
            String op = (down ? "offline" : "online") + " cpu " + cpu + (from < 0 ? "" : " from cpu " + from);
            return untilDone ? op : "start " + op + (atStep < 0 ? "" : " at step " + atStep);
        }
    }

    /** {@code run TASK until COND} (task non-null) or {@code until COND} (every CPU, in turn). */
    record RunUntil(int line, int col, String task, Condition until) implements Step {
        @Override
        public String toString() {
            return (task == null ? "" : "run " + task + " ") + "until " + until;
        }
    }
}
