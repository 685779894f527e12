package rcusim.litmus.ast;

/** How the final condition is judged over all executions. */
public enum Quantifier {
    /** {@code exists}: some execution satisfies the condition. */
    EXISTS("exists"),
    /** {@code ~exists}: no execution satisfies it. */
    NOT_EXISTS("~exists"),
    /** {@code forall}: every execution satisfies it. */
    FORALL("forall");

    private final String keyword;

    Quantifier(String keyword) {
        this.keyword = keyword;
    }

    /** The spelling in a litmus file. */
    public String keyword() {
        return keyword;
    }
}
