package rcusim.machine.lockdep;
// TEMPORARY STUB
public final class Lockdep {
    public LockClass lockClass(String n) { return new LockClass(); }
    public boolean enabled() { return true; }
    public void acquire(HeldLocks h, LockClass c, Object i, boolean r, boolean t, IrqState s, String site) { h.n++; }
    public void release(HeldLocks h, Object i, String site) { h.n--; }
    public void hardirqsOn(HeldLocks h, String s) {}
    public void softirqsOn(HeldLocks h, String s) {}
    public void assertHeld(HeldLocks h, Object i, String n) {}
    public void assertNoneHeldOnce(HeldLocks h) {}
    public String heldLocksReport(HeldLocks h) { return ""; }
}
