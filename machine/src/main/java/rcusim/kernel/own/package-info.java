/**
 * Ownership rules for lock-protected data kept in ordinary Java fields.
 *
 * <p>Data that is only ever touched under its lock (or by its own CPU with preemption off, or by
 * the hotplug task taking that CPU down) is race-free, so it can live in plain fields and stay
 * sequentially consistent under every memory model. That argument holds only while the rule
 * holds, so each such field declares its {@link rcusim.kernel.own.Rule} and every access
 * checks it: Rust-style ownership, checked at run time. A broken rule fails the run with a
 * {@link rcusim.machine.SimFailure.Kind#OWNERSHIP} failure that quotes the rule.
 *
 * <p>Simulated structures hold their fields in {@link rcusim.kernel.own.GuardedLong},
 * {@link rcusim.kernel.own.GuardedInt}, {@link rcusim.kernel.own.GuardedBoolean} and
 * {@link rcusim.kernel.own.GuardedRef}, built from the factories in
 * {@link rcusim.kernel.own.Rules}; the machine supplies the
 * {@link rcusim.kernel.own.AccessContext} of the code running now to its one
 * {@link rcusim.kernel.own.Ownership}.
 */
package rcusim.kernel.own;
