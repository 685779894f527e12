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
}
