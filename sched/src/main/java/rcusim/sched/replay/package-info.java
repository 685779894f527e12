/**
 * Replay files: a recorded run (scenario, seed, strategy, every decision) saved as JSON, read
 * back with every way it can be wrong reported precisely, and re-run under a replay decider
 * that checks itself at every decision (the number of options offered must match the recording,
 * so a changed build or scenario stops at the first divergence). Also the outputs a replay can write:
 * a Perfetto/Chrome timeline built from the ftrace text.
 */
package rcusim.sched.replay;
