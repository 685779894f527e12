package rcusim.litmus.ast;

/** The value an initial-state entry gives: an integer or the address of a location. */
public sealed interface InitValue permits IntValue, AddressValue {
    Pos pos();
}
