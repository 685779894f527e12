package rcusim.sched.schedule;

import java.util.ArrayList;
import java.util.List;
import rcusim.machine.Vector;
import rcusim.machine.decide.OptionKind;

/**
 * Writes a recorded run as a schedule that {@link ScheduleDecider} follows to the same run:
 * one line per top-level decision, runs of the same move compressed ({@code step cpu 1 x 40}),
 * inner choices written when they are not the default 0 (or when a default one would be
 * mistaken for the next written choice of its kind), interrupts the recording's own schedule
 * raised on demand as {@code raise ... at step S}, and {@code then stop}: a decision beyond the
 * last line stops the run naming it.
 */
public final class ScheduleWriter {
    private record Line(String text, boolean inner, OptionKind kind, boolean zero, boolean move) {
    }

    private ScheduleWriter() {
    }

    /**
     * @param header comment lines to start with (without the '#')
     * @param choices the run's decisions, from {@link ScheduleRecorder}
     * @param interventions what the recording's schedule raised, or none
     */
    public static String write(List<String> header, List<ScheduleRecorder.Choice> choices,
            List<Intervention> interventions) {
        List<Line> lines = new ArrayList<>();
        int next = 0;
        for (int d = 0; d <= choices.size(); d++) {
            while (next < interventions.size() && interventions.get(next).decision() <= d) {
                Intervention iv = interventions.get(next++);
                lines.add(new Line(iv.text() + " at step " + iv.step(), false, null, false, false));
            }
            if (d < choices.size()) {
                lines.add(line(choices.get(d)));
            }
        }
        boolean[] written = new boolean[lines.size()];
        Line nextWritten = null;
        for (int i = lines.size() - 1; i >= 0; i--) {
            Line l = lines.get(i);
            written[i] = !(l.inner() && l.zero())
                    || nextWritten != null && nextWritten.inner() && nextWritten.kind() == l.kind();
            if (written[i]) {
                nextWritten = l;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String h : header) {
            sb.append("# ").append(h).append('\n');
        }
        String pending = null;
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!written[i]) {
                continue;
            }
            Line l = lines.get(i);
            if (l.move() && l.text().equals(pending)) {
                count++;
                continue;
            }
            flush(sb, pending, count);
            pending = l.move() ? l.text() : null;
            count = 1;
            if (!l.move()) {
                sb.append(l.text()).append('\n');
            }
        }
        flush(sb, pending, count);
        return sb.append("then stop\n").toString();
    }

    private static void flush(StringBuilder sb, String move, int count) {
        if (move != null) {
            sb.append(move).append(count > 1 ? " x " + count : "").append('\n');
        }
    }

    private static Line line(ScheduleRecorder.Choice c) {
        if (c.inner()) {
            String text = new Step.Inner(0, 0, c.kind(), c.cpu(), c.arg()).toString();
            return new Line(text, true, c.kind(), c.arg() == 0, false);
        }
        String text = switch (c.kind()) {
            case STEP -> "step cpu " + c.cpu();
            case DRAIN -> "drain cpu " + c.cpu() + (c.arg() == 0 ? "" : " entry " + c.arg());
            case INTERRUPT -> "irq " + Vectors.name(Vector.values()[c.arg()]) + " cpu " + c.cpu();
            default -> throw new IllegalStateException("not a move: " + c.kind());
        };
        return new Line(text, false, c.kind(), false, true);
    }
}
