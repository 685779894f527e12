package rcusim.sched;

/** A replayed run asked for a decision that differs from the recording. */
public final class ReplayDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int decisionIndex;

    public ReplayDivergedException(int decisionIndex, String message) {
        super("replay diverged at decision " + decisionIndex + ": " + message);
        this.decisionIndex = decisionIndex;
    }

    public int decisionIndex() {
        return decisionIndex;
    }
}
