package rcusim.sched;

import rcusim.machine.decide.DecisionLog;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.Options;

/**
 * Replays a recorded decision list, checking at every decision that the simulation offers
 * as many options as it did when recorded. The first mismatch stops the run.
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
                    + log.size() + " recorded (" + options.size() + " options offered)");
        }
        int expected = log.offered(next);
        if (options.size() != expected) {
            throw new ReplayDivergedException(next, "recorded " + expected + " options, now "
                    + options.size() + " are offered");
        }
        return log.chosen(next++);
    }

    /** Call after the run: a replay that used fewer decisions than recorded also diverged. */
    public void checkConsumed() {
        if (next != log.size()) {
            throw new ReplayDivergedException(next, "the run ended after " + next + " of "
                    + log.size() + " recorded decisions");
        }
    }
}
