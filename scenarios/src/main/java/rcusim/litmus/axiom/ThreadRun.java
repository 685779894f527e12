package rcusim.litmus.axiom;

import java.util.List;
import rcusim.litmus.ast.Pos;

/**
 * One way a thread can execute, given a value for each of its reads: its events in program
 * order and its final registers. {@code fault} is where it dereferenced a non-pointer (the
 * run stops there); such a run is an error only if some consistent execution uses it.
 */
record ThreadRun(List<Ev> events, long[] registers, Pos fault) {
}
