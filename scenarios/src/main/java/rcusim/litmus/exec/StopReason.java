package rcusim.litmus.exec;

/** Why a litmus search stopped before it had explored every reachable state. */
public enum StopReason {
    /** The state cap ({@code --max-states}) was reached. */
    STATE_CAP("state cap"),
    /** The memory budget (a share of the JVM heap) was reached, or the heap ran out. */
    MEMORY("memory budget"),
    /** The per-test time limit ({@code --timeout}) passed. */
    TIMEOUT("timeout"),
    /** The run was interrupted (Ctrl-C, SIGTERM). */
    INTERRUPTED("interrupted");

    private final String text;

    StopReason(String text) {
        this.text = text;
    }

    /** Short words for reports, e.g. "memory budget". */
    public String text() {
        return text;
    }

    /** One word for TSV and JSON, e.g. "memory". */
    public String word() {
        return switch (this) {
            case STATE_CAP -> "max-states";
            case MEMORY -> "memory";
            case TIMEOUT -> "timeout";
            case INTERRUPTED -> "interrupted";
        };
    }
}
