package rcusim.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;
import rcusim.sched.explore.StatusLine;

/**
 * A one-line progress display for long work (explore, shrink, litmus, throughput, gp-rate). When
 * stderr is a terminal it redraws one status line there, at most every {@code intervalMillis};
 * otherwise it stays quiet (no ANSI, no carriage returns in logs), like jcstress. Callers pass cheap suppliers of the
 * text so a quiet Progress costs nothing.
 */
public final class Progress implements StatusLine {
    private final PrintWriter err;
    private final boolean live;
    private final long intervalNanos;
    private final long startNanos;
    private long lastDraw;
    private boolean drawn;

    public Progress(PrintWriter err, boolean live, long intervalMillis) {
        this.err = err;
        this.live = live;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.lastDraw = System.nanoTime();
        this.startNanos = lastDraw;
    }

    /** Live when stderr is a terminal, quiet elsewhere. */
    public static Progress forTerminal(PrintWriter err) {
        return new Progress(err, Terminal.stderrIsTerminal(), 200);
    }

    public boolean isLive() {
        return live;
    }

    /** Redraws the status line if live and the interval has passed. */
    @Override
    public void update(Supplier<String> text) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < intervalNanos) {
            return;
        }
        lastDraw = now;
        err.print("\r\033[K" + text.get());
        err.flush();
        drawn = true;
    }

    /**
     * A bar with done of total, rate and time left ({@link ProgressText}); against a time budget
     * when there is one and it ends first, or when the total is unknown.
     */
    @Override
    public void progress(String what, long done, long total, long budgetMillis, String unit, Supplier<String> detail) {
        update(() -> {
            long now = System.nanoTime();
            double elapsedMillis = (now - startNanos) / 1e6;
            boolean byTime = budgetMillis >= 0 && (total < 0
                    || elapsedMillis / Math.max(1, budgetMillis) > (double) done / Math.max(1, total));
            String bar = byTime ? ProgressText.ofTime(what, done, unit, startNanos, now, budgetMillis)
                    : total >= 0 ? ProgressText.of(what, done, total, unit, startNanos, now)
                    : ProgressText.ofUnbounded(what, done, unit, startNanos, now);
            return bar + "  " + detail.get();
        });
    }

    /** Clears the status line, so that what follows starts on a clean line. */
    @Override
    public void close() {
        clear();
    }

    /** Clears the status line for other output; the next update draws it again. */
    public void clear() {
        if (live && drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }
}
