package rcusim.machine.decide;

/**
 * Makes every nondeterministic choice of a run (DESIGN 2 and 6). A run is a pure function of
 * the scenario, the configuration and the answers a Decider gives. Only called with two or
 * more options: forced moves are taken without asking.
 */
@FunctionalInterface
public interface Decider {
    /** Returns the index of the chosen option, in {@code [0, options.size())}. */
    int choose(Options options);
}
