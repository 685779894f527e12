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

    /** Clears the line, so that what follows starts on a clean one. */
    @Override
    void close();
}
