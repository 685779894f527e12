package rcusim.sched.schedule;

/**
 * Something a schedule did to the system that is not a decision (an interrupt raised on
 * demand), with where it happened: before decision {@code decision} (0-based), at machine step
 * {@code step}. A schedule written out of the run puts it back at that point.
 *
 * @param text the step that does it again, e.g. {@code raise tick cpu 1}
 */
public record Intervention(long decision, long step, String text) {
}
