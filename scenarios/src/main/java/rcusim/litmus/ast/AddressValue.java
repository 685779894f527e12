package rcusim.litmus.ast;

/**
 * The address of shared location {@code location}. Written {@code y} or {@code &y} in the
 * initial state ({@code x1=y1} means x1 points at y1) and {@code y} on the right of a
 * condition atom ({@code 1:r0=x} means r0 holds the address of x).
 */
public record AddressValue(Pos pos, String location) implements Operand, InitValue {

    @Override
    public String toString() {
        return location;
    }
}
