package rcusim.kernel;

/**
 * A piece of the kernel's Java state that code on several CPUs uses without a simulated lock,
 * and that reports every read and write ({@link Kernel#newSharedState}): rcu_state's lockless
 * fields, say. The id is the machine's kernel object.
 */
public record SharedState(String name, int id) {
}
