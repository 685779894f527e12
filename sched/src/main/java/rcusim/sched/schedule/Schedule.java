package rcusim.sched.schedule;

import java.util.List;

/**
 * A parsed schedule: its steps in order, then what decides once they are done.
 *
 * @param file the file name messages use
 * @param steps the steps, in order
 * @param tail the strategy after the last step: {@code random}, {@code pct:D[:K]} (seeded with
 *     the run's seed) or {@code stop} (a decision after the last step stops the run)
 * @param tailLine the line of the {@code then} clause, or 0 when the default applies
 * @param text the schedule's text as given (replay files keep it)
 * @param firstLine the line of the file the text starts at
 */
public record Schedule(String file, List<Step> steps, String tail, int tailLine, String text, int firstLine) {
    /** The tail when the schedule has no {@code then} line: a seeded random walk. */
    public static final String DEFAULT_TAIL = "random";

    public Schedule {
        steps = List.copyOf(steps);
    }

    /** Whether a step waits for a trace event: the run must then be traced. */
    public boolean needsTracing() {
        return steps.stream().anyMatch(s -> s instanceof Step.RunUntil u && u.until().kind() == Condition.Kind.TRACEPOINT);
    }

    /** The text form, one step a line, as the parser reads it back. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            sb.append(s).append('\n');
        }
        return sb.append("then ").append(tail).append('\n').toString();
    }
}
