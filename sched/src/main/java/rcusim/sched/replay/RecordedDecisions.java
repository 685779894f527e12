package rcusim.sched.replay;

import java.util.Arrays;
import rcusim.machine.decide.DecisionLog;

/**
 * A run's decisions as a replay file holds them: for decision i, how many options were offered,
 * which one was chosen and the options' fingerprint; and the machine steps of the whole run.
 * The arrays are copied in and out, so a record is a value (equal when the contents are).
 */
public record RecordedDecisions(int[] offered, int[] chosen, int[] fingerprints, long steps) {
    public RecordedDecisions {
        if (offered.length != chosen.length || offered.length != fingerprints.length) {
            throw new IllegalArgumentException("offered, chosen and fingerprints differ in length: " + offered.length
                    + ", " + chosen.length + ", " + fingerprints.length);
        }
        offered = offered.clone();
        chosen = chosen.clone();
        fingerprints = fingerprints.clone();
    }

    public static RecordedDecisions of(DecisionLog log) {
        return new RecordedDecisions(log.offeredArray(), log.chosenArray(), log.fingerprintArray(), log.steps());
    }

    /** A log for {@link rcusim.sched.ReplayDecider}. */
    public DecisionLog toLog() {
        return DecisionLog.of(offered, chosen, fingerprints, steps);
    }

    public int count() {
        return offered.length;
    }

    @Override
    public int[] offered() {
        return offered.clone();
    }

    @Override
    public int[] chosen() {
        return chosen.clone();
    }

    @Override
    public int[] fingerprints() {
        return fingerprints.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedDecisions d && steps == d.steps && Arrays.equals(offered, d.offered)
                && Arrays.equals(chosen, d.chosen) && Arrays.equals(fingerprints, d.fingerprints);
    }

    @Override
    public int hashCode() {
        return ((Long.hashCode(steps) * 31 + Arrays.hashCode(offered)) * 31 + Arrays.hashCode(chosen)) * 31
                + Arrays.hashCode(fingerprints);
    }

    @Override
    public String toString() {
        return "RecordedDecisions[" + offered.length + " decisions, " + steps + " steps]";
    }
}
