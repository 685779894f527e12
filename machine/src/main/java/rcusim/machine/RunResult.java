package rcusim.machine;

import rcusim.machine.decide.DecisionLog;

/**
 * How a run ended: passed, or failed with a finding at a given decision index.
 *
 * @param failure null when the run passed
 * @param decisionIndex the number of decisions taken before the failure (or in all)
 * @param steps machine steps performed
 */
public record RunResult(SimFailure failure, int decisionIndex, long steps, DecisionLog decisions) {
    public boolean passed() {
        return failure == null;
    }

    /**
     * A report a kernel engineer can act on: where in the decision stream the run failed, the
     * rule broken, and for a use-after-free both the access and the free, as stacks of
     * simulated code.
     */
    public String describe() {
        if (failure == null) {
            return "passed after " + decisionIndex + " decisions (" + steps + " steps)";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("FAILED at decision ").append(decisionIndex).append(" (step ").append(steps).append("): ")
                .append(failure.kind()).append(": ").append(failure.getMessage()).append('\n');
        if (failure instanceof rcusim.machine.memory.MemorySystem.UseAfterFree uaf) {
            sb.append("  accessed at:\n");
            appendStack(sb, failure.getStackTrace());
            if (uaf.freeSite() instanceof Throwable freed) {
                sb.append("  ").append(freed.getMessage()).append(" at:\n");
                appendStack(sb, freed.getStackTrace());
            }
        } else if (failure.kind() == SimFailure.Kind.ZOMBIE_POINTER) {
            sb.append("  used at:\n");
            appendStack(sb, failure.getStackTrace());
        }
        return sb.toString();
    }

    /**
     * Frames of simulated code: the machine's own frames are left out, and the stack ends
     * where the strand started (below it is the host that runs the simulation).
     */
    private static void appendStack(StringBuilder sb, StackTraceElement[] frames) {
        int shown = 0;
        for (StackTraceElement f : frames) {
            String c = f.getClassName();
            if (c.startsWith("rcusim.machine.strand.") || c.startsWith("jdk.internal.vm.")) {
                break;
            }
            // the machine's and the kernel environment's own frames are not the simulated code's
            if (c.startsWith("rcusim.machine.") || c.startsWith("rcusim.kernel.") || c.startsWith("java.")) {
                continue;
            }
            sb.append("    ").append(f).append('\n');
            if (++shown == 12) {
                break;
            }
        }
    }
}
