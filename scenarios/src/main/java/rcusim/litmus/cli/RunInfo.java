package rcusim.litmus.cli;

import rcusim.litmus.exec.SearchBudget;
import rcusim.machine.memory.MemoryModel;

/** The effective configuration of a litmus run, for report headers. */
record RunInfo(MemoryModel model, int jobs, SearchBudget budget, int tests) {
    String modelName() {
        return model.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The per-test time limit in seconds, or -1 for none. */
    long timeoutSeconds() {
        return budget.timeoutNanos() == Long.MAX_VALUE ? -1 : budget.timeoutNanos() / 1_000_000_000L;
    }

    long memoryMiB() {
        return budget.maxBytes() >> 20;
    }
}
