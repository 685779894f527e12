package rcusim.sched;

import rcusim.machine.RunResult;
import rcusim.machine.decide.DecisionLog;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.Options;

/**
 * Replays a recorded decision list, checking at every decision that the simulation offers
 * what it offered when recorded (the number of options, then their fingerprint: kinds, CPUs
 * and the machine step), and at the end that the run took as many decisions and steps. The
 * first mismatch stops the run.
 */
public final class ReplayDecider implements Decider {
    private final DecisionLog log;
    private int next;

    public ReplayDecider(DecisionLog log) {
        this.log = log;
    }

    @Override
    public int choose(Options options) {
        if (next >= log.size()) {
            throw new ReplayDivergedException(next, "the run asks for more decisions than the "
                    + log.size() + " recorded (at step " + options.step() + ", offered: " + options.describe() + ")");
        }
        int expected = log.offered(next);
        if (options.size() != expected) {
            throw new ReplayDivergedException(next, "recorded " + expected + " options, now "
                    + options.size() + " are offered at step " + options.step() + ": " + options.describe());
        }
        if (options.fingerprint() != log.fingerprint(next)) {
            throw new ReplayDivergedException(next, "the " + expected + " options offered at step " + options.step()
                    + " (" + options.describe() + ") are not the ones recorded (the CPUs, kinds or the step differ)");
        }
        return log.chosen(next++);
    }

    /**
     * Call after the run: a replay that used fewer decisions than recorded, or ran a different
     * number of machine steps, also diverged.
     */
    public void checkConsumed(RunResult result) {
        if (next != log.size()) {
            throw new ReplayDivergedException(next, "the run ended after " + next + " of "
                    + log.size() + " recorded decisions");
        }
        if (log.steps() >= 0 && result.steps() != log.steps()) {
            throw new ReplayDivergedException(next, "the run ended after " + result.steps()
                    + " steps; the recording ran " + log.steps());
        }
    }
}
