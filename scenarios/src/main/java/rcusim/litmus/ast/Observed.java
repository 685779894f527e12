package rcusim.litmus.ast;

/**
 * Something whose final value a condition or a {@code locations} list looks at: a shared
 * location ({@code x}) or a process register ({@code 0:r1}).
 */
public sealed interface Observed permits LocValue, RegValue {
    Pos pos();
}
