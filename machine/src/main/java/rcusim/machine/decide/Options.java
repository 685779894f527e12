package rcusim.machine.decide;

/** The options offered at one decision; strategies may look at what each one does. */
public interface Options {
    int size();

    OptionKind kind(int i);

    /** The CPU the option belongs to. */
    int cpu(int i);

    /**
     * What the option acts on, beyond its kind and CPU: for INTERRUPT the vector's ordinal
     * ({@code rcusim.machine.Vector}), for DRAIN the index among the CPU's drainable entries
     * (0 = the first that may drain); 0 otherwise. Not part of the fingerprint.
     */
    default int arg(int i) {
        return 0;
    }

    /**
     * For a DRAIN option, the location its store writes (an entry's identity that other CPUs'
     * steps do not change, unlike its index); -1 for other options. For partial-order reduction.
     */
    default int drainLocation(int i) {
        return -1;
    }

    /** Machine steps performed before this decision (forced ones included). */
    long step();

    /**
     * The CPU whose STEP the machine performed last, forced moves included, or -1 before the
     * first: the running CPU that a preemption takes the processor from.
     */
    default int lastStepCpu() {
        return -1;
    }

    /**
     * A hash of what is offered and when: the step, then each option's kind and CPU. Replay
     * compares it with the recording, so a changed simulation is caught at the first decision
     * whose options or position differ, not only where the number of options changes.
     */
    default int fingerprint() {
        int h = Long.hashCode(step()) * 31 + size();
        for (int i = 0; i < size(); i++) {
            h = h * 31 + (cpu(i) << 2 | kind(i).ordinal());
        }
        return h;
    }

    /** The options as text, for divergence reports: "STEP 0, DRAIN 1, ...". */
    default String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            if (i == 20) {
                return sb.append(", ... (").append(size()).append(" in all)").toString();
            }
            sb.append(i == 0 ? "" : ", ").append(kind(i)).append(' ').append(cpu(i));
        }
        return sb.toString();
    }
}
