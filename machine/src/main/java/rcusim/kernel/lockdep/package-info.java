/**
 * lockdep: the kernel's lock validator (kernel/locking/lockdep.c) for the simulated machine, one
 * of its checkers: a report fails the run with the kernel's text.
 *
 * <p>What is modelled, as the kernel does it: lock classes keyed by name (the kernel keys by the
 * init site's lock_class_key), with subclasses for nesting annotations; one held-lock stack per
 * context; the class dependency graph with edges learned from the topmost held lock and the
 * trylocks above it (check_prevs_add()); breadth-first searches that print shortest chains;
 * the recursive-read rule that a path through a lock taken as a read and then held as a read is
 * no deadlock (so rcu_read_lock()-style recursive readers do not raise false cycles); the eight
 * irq usage bits with their first sites, the usage characters {@code {+.-.}}, the inconsistent
 * state check and the irq-safe to irq-unsafe checks both when an edge is added
 * (check_irq_usage()) and when a usage bit is learned later (check_usage_forwards/backwards());
 * trylocks that add no edges and mark no irq-context usage; mark_held_locks() when a context
 * enables hardirqs or softirqs; debug_locks_off() after the first report; MAX_LOCK_DEPTH.
 *
 * <p>What differs:
 * <ul>
 *   <li>No lock-chain cache and no chain keys: an edge already known with the same read/write
 *       kind is found in O(1) per held lock, which is what the cache buys the kernel.
 *   <li>Contexts do not share a stack: a hardirq invocation has its own {@link
 *       rcusim.kernel.lockdep.HeldLocks}, so the kernel's irq_context boundary inside one task's
 *       stack becomes separate stacks, and lockdep_assert_held() in a handler does not see the
 *       locks of the task it interrupted (the kernel's would).
 *   <li>A read is always a recursive read (read_lock() of an rwlock_t, rcu_read_lock()); the
 *       non-recursive reads of rwsems and of qrwlocks in process context are not distinguished.
 *       A read of a lock instance this context already reads adds no edges, as it cannot wait.
 *   <li>No wait-type checks ({@code -{2:2}}, "Invalid wait context"), no nest_lock, no
 *       lock_pin_lock, no cross-release, no "held lock freed", no redundant-edge pruning.
 *   <li>Reports keep the kernel's headers and sections; stack traces are replaced by the sites
 *       callers pass and the context that ran, instance addresses are left out, and the
 *       kernel-identity line and "stack backtrace:" are omitted. A report is the message of a
 *       {@link rcusim.machine.SimFailure} of kind LOCKDEP; it starts with the header line.
 *   <li>A failed lockdep_assert_*() is reported in our own words ("WARNING: lockdep_assert_held(x)
 *       failed") where the kernel prints a generic WARN_ON splat; assertions also check when
 *       validation is disabled, since the stacks are always kept.
 * </ul>
 */
package rcusim.kernel.lockdep;
