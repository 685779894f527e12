package rcusim.machine.strand;

/** A strand body threw; the original throwable is the cause. */
public final class StrandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String strandName;

    public StrandFailure(String strandName, Throwable cause) {
        super("strand '" + strandName + "' failed: " + cause, cause);
        this.strandName = strandName;
    }

    public String strandName() {
        return strandName;
    }
}
