package rcusim.cli;

import java.util.Locale;

/**
 * The text of a progress bar: what is being done, a bar, done of total, the rate and the time
 * left, e.g. {@code litmus [=======>      ] 512/1001 tests  23.4/s  ETA 21s}. Pure formatting;
 * {@link Progress} decides whether and when to draw it.
 */
public final class ProgressText {
    private static final int WIDTH = 24;

    private ProgressText() {
    }

    /** Progress of {@code done} of {@code total} units since {@code startNanos}. */
    public static String of(String what, long done, long total, String unit, long startNanos, long nowNanos) {
        double secs = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
        double rate = done / secs;
        String eta = done == 0 || total <= done ? "--" : duration((total - done) / rate);
        return String.format(Locale.ROOT, "%s %s %d/%d %s  %s/s  ETA %s", what, bar(done, total), done, total, unit,
                rate(rate), eta);
    }

    /**
     * Progress against a time budget: the bar shows time used, the rate is of {@code done}
     * units, and what is left is the budget's time.
     */
    public static String ofTime(String what, long done, String unit, long startNanos, long nowNanos,
            long budgetMillis) {
        double secs = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
        double budget = budgetMillis / 1e3;
        return String.format(Locale.ROOT, "%s %s %d %s  %s/s  %s left", what,
                bar((long) (secs * 1000), budgetMillis), done, unit, rate(done / secs),
                duration(Math.max(0, budget - secs)));
    }

    /** Progress with no total and no time budget: done so far and the rate. */
    public static String ofUnbounded(String what, long done, String unit, long startNanos, long nowNanos) {
        double secs = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
        return String.format(Locale.ROOT, "%s %d %s  %s/s  %s", what, done, unit, rate(done / secs), duration(secs));
    }

    static String bar(long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, done * WIDTH / total);
        StringBuilder b = new StringBuilder(WIDTH + 2).append('[');
        for (int i = 0; i < WIDTH; i++) {
            b.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        return b.append(']').toString();
    }

    static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** 45s, 3m05s, 2h07m. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
