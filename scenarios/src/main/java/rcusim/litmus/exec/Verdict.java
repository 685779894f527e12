package rcusim.litmus.exec;

/**
 * herd7's verdict on a litmus test's condition as written: how many executions satisfy it.
 * Printed (and read from EXPECTED.tsv files) as herd7 writes it: Never, Sometimes, Always.
 */
public enum Verdict {
    NEVER("Never"), SOMETIMES("Sometimes"), ALWAYS("Always");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** The verdict of observed satisfying executions out of executions. */
    public static Verdict of(long observed, long executions) {
        if (observed == 0) {
            return NEVER;
        }
        return observed == executions ? ALWAYS : SOMETIMES;
    }

    /** The verdict spelled as herd7 does, or null for any other word. */
    public static Verdict parse(String text) {
        for (Verdict v : values()) {
            if (v.text.equals(text)) {
                return v;
            }
        }
        return null;
    }

    /**
     * Whether a result contradicts this expected verdict in the direction that matters: a
     * Never outcome observed, or an Always condition false in some execution (a Sometimes that
     * nothing reached is incompleteness, not this).
     */
    public boolean violatedBy(long observed, long executions) {
        return switch (this) {
            case NEVER -> observed > 0;
            case ALWAYS -> observed < executions;
            case SOMETIMES -> false;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
