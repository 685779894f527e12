package rcusim.machine.lockdep;
// TEMPORARY STUB
public record IrqState(boolean inHardirq, boolean inSoftirq, boolean hardirqsEnabled, boolean softirqsEnabled) { }
