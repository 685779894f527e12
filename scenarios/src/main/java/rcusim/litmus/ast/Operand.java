package rcusim.litmus.ast;

/**
 * The right-hand side of a condition atom: an integer, another register
 * ({@code 0:r1=0:r4}) or the address of a location ({@code 1:r0=x}).
 */
public sealed interface Operand permits IntValue, RegValue, AddressValue {
    Pos pos();
}
