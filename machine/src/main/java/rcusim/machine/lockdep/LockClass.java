package rcusim.machine.lockdep;
// TEMPORARY STUB
public final class LockClass { }
