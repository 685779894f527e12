package rcusim.litmus.cli;

import rcusim.litmus.exec.SearchBudget;

/**
 * The effective configuration of a litmus run, for report headers.
 *
 * @param model "lkmm" (the axiomatic engine) or the machine's model: sc, tso, weak or power
 * @param also the machine model run beside lkmm and graded against it, or null
 */
record RunInfo(String model, String also, int jobs, SearchBudget budget, int tests) {
    String modelName() {
        return model;
    }

    /** The per-test time limit in seconds, or -1 for none. */
    long timeoutSeconds() {
        return budget.timeoutNanos() == Long.MAX_VALUE ? -1 : budget.timeoutNanos() / 1_000_000_000L;
    }

    long memoryMiB() {
        return budget.maxBytes() >> 20;
    }
}
