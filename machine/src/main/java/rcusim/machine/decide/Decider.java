package rcusim.machine.decide;

/**
 * Makes every nondeterministic choice of a run: which CPU steps, which store drains, which
 * invalidation applies, which interrupt is taken, where a woken task runs. A run is a pure
 * function of the scenario, the configuration and the answers a Decider gives. Only called with
 * two or more options: forced moves are taken without asking.
 */
@FunctionalInterface
public interface Decider {
    /** Returns the index of the chosen option, in {@code [0, options.size())}. */
    int choose(Options options);
}
