package rcusim.sched.explore;

import java.util.function.Supplier;

/**
 * Where a search reports how far it has got while it runs (a terminal's status line, or
 * nowhere). Callers pass cheap suppliers, so a status line nobody sees costs nothing.
 */
public interface StatusLine extends AutoCloseable {
    StatusLine NONE = new StatusLine() {
        @Override
        public void update(Supplier<String> text) {
        }

        @Override
        public void close() {
        }
    };

    void update(Supplier<String> text);

    /**
     * How far the search has got: {@code done} of {@code total} units ({@code total} below 0
     * when unknown), against a time budget of {@code budgetMillis} (below 0 for none), then
     * {@code detail}. A terminal's line draws a bar with the rate and the time left from it;
     * the default is plain text.
     */
    default void progress(String what, long done, long total, long budgetMillis, String unit,
            Supplier<String> detail) {
        update(() -> what + ": " + done + (total >= 0 ? " of " + total : "") + " " + unit + ", " + detail.get());
    }

    /** Clears the line, so that what follows starts on a clean one. */
    @Override
    void close();
}
