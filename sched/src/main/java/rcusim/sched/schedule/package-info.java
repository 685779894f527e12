/**
 * Scripted schedules: a text a person writes and reads, one step a line
 * ({@code run reader until label x}, {@code preempt cpu 1}, {@code tick cpu 0},
 * {@code offline cpu 3}, {@code step cpu 1 x 40}, {@code then random}), parsed by
 * {@link rcusim.sched.schedule.ScheduleParser} and followed by
 * {@link rcusim.sched.schedule.ScheduleDecider}, which answers the machine's decisions, raises
 * interrupts and starts hotplug operations between steps, and hands over to a strategy at the
 * end. {@link rcusim.sched.schedule.ScheduleRecorder} and
 * {@link rcusim.sched.schedule.ScheduleWriter} turn any recorded run back into a schedule.
 * docs/schedules.md is the user's guide.
 */
package rcusim.sched.schedule;
