package rcusim.machine.lockdep;
// TEMPORARY STUB
public final class HeldLocks { int n; public HeldLocks(String o) {} public boolean isEmpty() { return n == 0; } public boolean holds(Object o) { return false; } }
