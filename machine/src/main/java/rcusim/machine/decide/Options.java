package rcusim.machine.decide;

/** The options offered at one decision; strategies may look at what each one does. */
public interface Options {
    int size();

    OptionKind kind(int i);

    /** The CPU the option belongs to. */
    int cpu(int i);
}
