/**
 * Replay files: a recorded run (scenario, seed, strategy, every decision) saved as JSON, read
 * back with every way it can be wrong reported precisely, and re-run under a replay decider
 * that checks itself at every decision (DESIGN 2 and 6). Also the outputs a replay can write:
 * a Perfetto/Chrome timeline built from the ftrace text.
 */
package rcusim.sched.replay;
