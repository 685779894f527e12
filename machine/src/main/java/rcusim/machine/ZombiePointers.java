package rcusim.machine;

import rcusim.machine.memory.Address;
import rcusim.machine.memory.MemorySite;
import rcusim.machine.memory.MemorySystem;

/**
 * The zombie-pointer detector, active while the allocator reuses freed blocks. Each context
 * remembers, per block, the generation of the last pointer into it that the context obtained:
 * by a marked load or as the old value an atomic returns, the generation the value was written
 * to memory with (so a stale read of a pointer stored before a free carries the old one), or
 * from the allocator, the new block's. When
 * the context later uses a pointer into that block as an address (an access or a kfree()), as
 * a compared value (cmpxchg()'s expected value, {@code ptr_eq()}) or as a stored value, and the
 * block has been freed since (whether or not it has been reused), the pointer is a zombie: C
 * calls its value indeterminate, and the run fails naming the load, the free, the reuse and
 * the use. A context that never obtained a pointer to the block from memory (it got it from
 * Java state, or computed it) is not judged. See {@code docs/kernel.md}, "Zombie pointers".
 */
final class ZombiePointers {
    /** How a pointer is used. */
    enum Use {
        DEREFERENCE("dereferenced"), COMPARE("compared"), STORE("stored");

        final String verb;

        Use(String verb) {
            this.verb = verb;
        }
    }

    private final Machine machine;
    private final MemorySystem mem;

    ZombiePointers(Machine machine, MemorySystem mem) {
        this.machine = machine;
        this.mem = mem;
    }

    /**
     * Context c obtained value v (by how); if v points into a block, c now holds it at
     * generation storedGen, the generation the value was written with (-1: the block's
     * current one, for an allocation or a value from c's own store buffer).
     */
    void obtained(Context c, long v, String how, int storedGen) {
        int l = Address.locationOf(v);
        if (l < 0 || !mem.exists(l)) {
            return;
        }
        PointerProvenance p = c.provenance;
        if (p == null) {
            p = new PointerProvenance();
            c.provenance = p;
        }
        int b = mem.blockStart(l);
        p.record(b, storedGen >= 0 ? storedGen : mem.generation(b), machine.steps(), c.cpu.id, how);
    }

    /**
     * Context c uses v as use (in the operation what); fails the run if v is a pointer c
     * obtained into a block freed since.
     */
    void used(Context c, long v, Use use, String what) {
        PointerProvenance p = c.provenance;
        if (p == null) {
            return;
        }
        int l = Address.locationOf(v);
        if (l < 0 || !mem.exists(l)) {
            return;
        }
        int b = mem.blockStart(l);
        int seen = p.generation(b);
        if (seen < 0) {
            return;
        }
        boolean reused = mem.generation(b) != seen;
        boolean freed = !mem.isLive(b);
        if (!reused && !freed) {
            return;
        }
        throw new SimFailure(SimFailure.Kind.ZOMBIE_POINTER, report(c, l, b, seen, reused, freed, use, what));
    }

    private String report(Context c, int l, int b, int seen, boolean reused, boolean freed, Use use, String what) {
        StringBuilder sb = new StringBuilder();
        sb.append("zombie pointer: ").append(what).append(' ').append(use.verb)
                .append(" a stale pointer to location ").append(l).append(": its object was freed")
                .append(reused ? " and the address reused" : "").append('\n');
        Object lastFree = reused ? mem.freedBeforeReuse(b) : mem.freeSite(b);
        boolean staleRead = lastFree instanceof MemorySite f && f.step() < c.provenance.step(b);
        sb.append("  loaded: ").append(c.provenance.what(b)).append(" by CPU ").append(c.provenance.cpu(b))
                .append(" (").append(c.name).append(") at step ").append(c.provenance.step(b))
                .append(", object generation ").append(seen)
                .append(staleRead ? " (a stale read of a value stored before the free)" : "").append('\n');
        sb.append("  freed: ");
        if (reused) {
            sb.append(siteText(mem.freedBeforeReuse(b)))
                    .append(mem.generation(b) - seen > 1 ? " (the last free before the reuse; the block was reused "
                            + (mem.generation(b) - seen) + " times since the load)" : "").append('\n');
        } else {
            sb.append(siteText(mem.freeSite(b))).append('\n');
        }
        if (reused) {
            sb.append("  reused: allocated again as generation ").append(mem.generation(b)).append(" by ")
                    .append(siteText(mem.allocSite(b))).append(freed ? ", and freed again since" : "").append('\n');
        }
        sb.append("  used: ").append(what).append(" (").append(use.verb).append(") by CPU ").append(c.cpu.id)
                .append(" (").append(c.name).append(") at step ").append(machine.steps());
        return sb.toString();
    }

    private static String siteText(Object site) {
        if (site instanceof MemorySite s) {
            return s.where();
        }
        return site instanceof Throwable t ? t.getMessage() : "code outside the run (setup)";
    }
}
