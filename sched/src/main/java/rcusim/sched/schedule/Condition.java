package rcusim.sched.schedule;

/**
 * What a {@code run ... until} or {@code until} step waits for.
 *
 * @param kind which condition
 * @param name the label, or the trace event's name; null for BLOCKED and EXIT
 * @param word for a trace event, a word its fields must contain, or null
 */
public record Condition(Kind kind, String name, String word) {
    public enum Kind {
        /** Simulated code passed {@code Kernel.label(name)} (the task's own code, for {@code run TASK}). */
        LABEL,
        /** The task sleeps (its state is no longer TASK_RUNNING) or exited. */
        BLOCKED,
        /** The task's code returned. */
        EXIT,
        /** A trace event of that name was emitted (with the word among its fields, when given). */
        TRACEPOINT
    }

    @Override
    public String toString() {
        return switch (kind) {
            case LABEL -> "label " + name;
            case BLOCKED -> "blocked";
            case EXIT -> "exit";
            case TRACEPOINT -> "tracepoint " + name + (word == null ? "" : " " + word);
        };
    }
}
