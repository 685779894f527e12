package rcusim.litmus.ast;

/** The value held by shared location {@code location} (left of {@code x=1}). */
public record LocValue(Pos pos, String location) implements Observed {

    @Override
    public String toString() {
        return location;
    }
}
