package rcusim.litmus.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import rcusim.litmus.exec.LitmusResult;
import rcusim.litmus.exec.StopReason;
import rcusim.litmus.exec.Verdict;

/** The counts a litmus run's summary reports, gathered as tests finish. */
final class Tally {
    final int planned;
    int reported;
    final Map<TestReport.Status, Integer> byStatus = new EnumMap<>(TestReport.Status.class);
    final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    final Map<StopReason, Integer> stops = new EnumMap<>(StopReason.class);
    /** Tests with an expected verdict and a verdict of their own, and how many of those agree. */
    int judged;
    int agree;
    int expectedSometimes;
    int reachedSometimes;
    boolean interrupted;
    /** Complete tests with herd7's flags, how many agree, and the files that differ. */
    int flagJudged;
    int flagAgree;
    final List<String> flagMismatches = new ArrayList<>();
    /** With --also: the machine's results graded against lkmm. */
    int machineGraded;
    int machineExact;
    int machineUnsound;
    int machineIncomplete;
    int machineUngraded;
    final List<String> machineUnsoundTests = new ArrayList<>();
    double wallMs;
    private final List<Double> millis = new ArrayList<>();

    Tally(int planned) {
        this.planned = planned;
    }

    void add(TestReport t) {
        reported++;
        byStatus.merge(t.status(), 1, Integer::sum);
        LitmusResult r = t.result();
        if (r == null) {
            return;
        }
        millis.add(r.millis());
        if (t.machine() != null) {
            if (!r.complete() || !t.machine().complete()) {
                machineUngraded++;
                if (t.machineUnsound()) {
                    machineUnsound++;
                    machineUnsoundTests.add(t.file());
                }
            } else {
                machineGraded++;
                if (t.machineUnsound()) {
                    machineUnsound++;
                    machineUnsoundTests.add(t.file());
                } else if (t.machineIncomplete()) {
                    machineIncomplete++;
                } else {
                    machineExact++;
                }
            }
        }
        if (r.complete() && t.expectedFlags() != null) {
            flagJudged++;
            if (t.flagsDisagree()) {
                flagMismatches.add(t.file());
            } else {
                flagAgree++;
            }
        }
        if (!r.complete()) {
            stops.merge(r.stopped(), 1, Integer::sum);
            return;
        }
        verdicts.merge(r.verdict(), 1, Integer::sum);
        if (t.expected() != null) {
            judged++;
            if (r.verdict() == t.expected()) {
                agree++;
            }
            if (t.expected() == Verdict.SOMETIMES) {
                expectedSometimes++;
                if (r.observed() > 0) {
                    reachedSometimes++;
                }
            }
        }
    }

    int count(TestReport.Status s) {
        return byStatus.getOrDefault(s, 0);
    }

    int count(Verdict v) {
        return verdicts.getOrDefault(v, 0);
    }

    /** Per-test times, sorted. */
    double[] sortedMillis() {
        return millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
}
