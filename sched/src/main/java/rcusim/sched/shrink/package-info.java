/**
 * Shrinking a failing run: fewer decisions, then fewer non-default ones, keeping its failure
 * signature; each candidate is a real run, so the result always fails the same way.
 */
package rcusim.sched.shrink;
