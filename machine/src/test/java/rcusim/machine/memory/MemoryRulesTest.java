package rcusim.machine.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.Ordering;
import rcusim.machine.RmwOp;

/** The memory-operation rules on a two-CPU weak memory, one rule at a time. */
class MemoryRulesTest {
    private static final int X = 0;
    private static final int Y = 1;

    private static MemorySystem memory() {
        MemorySystem m = new MemorySystem(MemoryModel.WEAK, 2);
        m.allocate(1, 0);
        m.allocate(1, 0);
        return m;
    }

    @Test
    void aFullStoreBufferHoldsBackTheNextStore() {
        MemorySystem m = memory();
        for (int i = 0; i < MemoryRules.STORE_BUFFER_CAPACITY; i++) {
            assertTrue(MemoryRules.ready(m, 0, MemOp.STORE, X));
            MemoryRules.store(m, 0, X, i, false);
        }
        assertFalse(MemoryRules.ready(m, 0, MemOp.STORE, X));
        assertFalse(MemoryRules.ready(m, 0, MemOp.STORE_RELEASE, Y));
        assertTrue(MemoryRules.ready(m, 1, MemOp.STORE, X), "the other CPU's buffer is its own");
        m.drain(0, 0);
        assertTrue(MemoryRules.ready(m, 0, MemOp.STORE, X));
    }

    @Test
    void fullBarrierAndFreeWaitForAnEmptyBuffer() {
        MemorySystem m = memory();
        MemoryRules.store(m, 0, X, 1, false);
        assertFalse(MemoryRules.ready(m, 0, MemOp.MB, -1));
        assertFalse(MemoryRules.ready(m, 0, MemOp.FREE, Y));
        assertTrue(MemoryRules.ready(m, 0, MemOp.RMB, -1));
        assertTrue(MemoryRules.ready(m, 0, MemOp.WMB, -1));
        assertThrows(IllegalStateException.class, () -> MemoryRules.fence(m, 0, MemOp.MB));
        m.drain(0, 0);
        assertTrue(MemoryRules.ready(m, 0, MemOp.MB, -1));
        MemoryRules.fence(m, 0, MemOp.MB);
    }

    @Test
    void lockWaitsForAFreeWordTrylockDoesNot() {
        MemorySystem m = memory();
        assertTrue(MemoryRules.ready(m, 0, MemOp.LOCK, X));
        MemoryRules.lock(m, 0, X);
        assertEquals(0, m.lockHolders().holder(X));
        assertFalse(MemoryRules.ready(m, 1, MemOp.LOCK, X), "spin-assume: no step while the word is taken");
        assertTrue(MemoryRules.ready(m, 1, MemOp.TRYLOCK, X));
        assertFalse(MemoryRules.trylock(m, 1, X));
        assertEquals(0, m.lockHolders().holder(X));
    }

    @Test
    void aBufferedUnlockHoldsBackTheNextLockOfThatLockOnly() {
        MemorySystem m = memory();
        MemoryRules.lock(m, 0, X);
        MemoryRules.unlock(m, 0, X);
        assertEquals(-1, m.lockHolders().holder(X));
        assertFalse(MemoryRules.ready(m, 0, MemOp.LOCK, X), "the same lock: its unlock must reach memory first");
        assertFalse(MemoryRules.ready(m, 0, MemOp.TRYLOCK, X));
        assertTrue(MemoryRules.ready(m, 0, MemOp.LOCK, Y), "unlock followed by lock of another lock is no full barrier");
        assertTrue(MemoryRules.trylock(m, 0, Y));
        assertEquals(0, m.lockHolders().holder(Y));
        assertTrue(m.storeBufferHoldsRelease(0), "the unlock of X is still buffered under the lock of Y");
        m.drain(0, 0);
        assertTrue(MemoryRules.ready(m, 0, MemOp.LOCK, X));
    }

    @Test
    void unlockThenLockLetsALaterLoadPassAnEarlierStoreButNotALaterStore() {
        MemorySystem m = memory();
        int x = m.allocate(1, 0);
        int y = m.allocate(1, 0);
        MemoryRules.lock(m, 0, X);
        MemoryRules.store(m, 0, x, 1, false);
        MemoryRules.unlock(m, 0, X);
        MemoryRules.lock(m, 0, Y);
        assertEquals(0, MemoryRules.load(m, 1, x, 0, false), "the store before the unlock is still buffered");
        assertFalse(MemoryRules.ready(m, 0, MemOp.MB, -1), "smp_mb__after_unlock_lock() waits for it");
        MemoryRules.store(m, 0, y, 1, false);
        assertEquals(1, m.drainableCount(0), "the store after the lock drains only after those before the unlock");
        assertEquals(x, m.drainableLocation(0, 0));
        m.drain(0, 0);
        assertEquals(1, m.drainableCount(0), "the unlock next, as a release");
        assertEquals(X, m.drainableLocation(0, 0));
        m.drain(0, 0);
        assertEquals(y, m.drainableLocation(0, 0));
        m.drain(0, 0);
        assertTrue(MemoryRules.ready(m, 0, MemOp.MB, -1));
    }

    @Test
    void smpMbBeforeAtomicHoldsBackOnlyTheNextAtomic() {
        MemorySystem m = memory();
        MemoryRules.store(m, 0, X, 1, false);
        assertTrue(MemoryRules.ready(m, 0, MemOp.MB_BEFORE_ATOMIC, -1), "waits for nothing itself");
        MemoryRules.fence(m, 0, MemOp.MB_BEFORE_ATOMIC);
        assertEquals(0, MemoryRules.load(m, 0, Y, 0, false), "an access before the atomic is not held back");
        assertFalse(MemoryRules.ready(m, 0, MemOp.RMW, Y, RmwOp.ADD, 1, 0, Ordering.RELAXED, null),
                "atomic_inc() after smp_mb__before_atomic() waits for the earlier store");
        assertFalse(MemoryRules.ready(m, 0, MemOp.LOCK, Y));
        assertTrue(MemoryRules.ready(m, 1, MemOp.RMW, Y, RmwOp.ADD, 1, 0, Ordering.RELAXED, null), "CPU 1 is not fenced");
        m.drain(0, 0);
        MemoryRules.rmw(m, 0, Y, RmwOp.ADD, 1, 0, Ordering.RELAXED);
        MemoryRules.store(m, 0, X, 2, false);
        assertTrue(MemoryRules.ready(m, 0, MemOp.RMW, Y, RmwOp.ADD, 1, 0, Ordering.RELAXED, null),
                "the fence was used up by the atomic it ordered");
        MemorySystem unfenced = m.copy();
        MemoryRules.fence(m, 0, MemOp.MB_BEFORE_ATOMIC);
        MemorySystem copy = m.copy();
        assertFalse(MemoryRules.ready(copy, 0, MemOp.RMW, Y, RmwOp.ADD, 1, 0, Ordering.RELAXED, null), "copied");
        LongArrayBuilder a = new LongArrayBuilder();
        LongArrayBuilder b = new LongArrayBuilder();
        m.encode(a);
        unfenced.encode(b);
        assertFalse(java.util.Arrays.equals(a.toArray(), b.toArray()), "the pending fence is part of the state");
        m.drain(0, 0);
        MemoryRules.fence(m, 0, MemOp.MB);
        MemoryRules.store(m, 0, X, 3, false);
        assertTrue(MemoryRules.ready(m, 0, MemOp.RMW, Y, RmwOp.ADD, 1, 0, Ordering.RELAXED, null), "smp_mb() covers it");
    }

    @Test
    void onlyTheHolderUnlocksAndAFailedUnlockChangesNothing() {
        MemorySystem m = memory();
        UnlockByNonHolder free = assertThrows(UnlockByNonHolder.class, () -> MemoryRules.unlock(m, 1, X));
        assertEquals(-1, free.holder());
        MemoryRules.lock(m, 0, X);
        UnlockByNonHolder other = assertThrows(UnlockByNonHolder.class, () -> MemoryRules.unlock(m, 1, X));
        assertEquals(1, other.cpu());
        assertEquals(X, other.location());
        assertEquals(0, other.holder());
        assertEquals(0, m.storeBufferSize(1));
        assertEquals(0, m.lockHolders().holder(X));
    }

    @Test
    void aCopyCarriesItsOwnLockHoldersAndEncodesThem() {
        MemorySystem m = memory();
        MemoryRules.lock(m, 1, Y);
        MemorySystem c = m.copy();
        MemoryRules.unlock(c, 1, Y);
        assertEquals(1, m.lockHolders().holder(Y));
        assertEquals(-1, c.lockHolders().holder(Y));
        LongArrayBuilder a = new LongArrayBuilder();
        LongArrayBuilder b = new LongArrayBuilder();
        m.encode(a);
        m.copy().encode(b);
        assertArrayEquals(a.toArray(), b.toArray());
        LongArrayBuilder d = new LongArrayBuilder();
        c.encode(d);
        assertFalse(java.util.Arrays.equals(a.toArray(), d.toArray()));
    }

    @Test
    void anRmwWaitsForItsOwnLocationAndReleaseForTheWholeBuffer() {
        MemorySystem m = memory();
        MemoryRules.store(m, 0, X, 1, false);
        assertFalse(MemoryRules.ready(m, 0, MemOp.RMW, X, RmwOp.ADD, 1, 0, Ordering.RELAXED, null));
        assertTrue(MemoryRules.ready(m, 0, MemOp.RMW, Y, RmwOp.ADD, 1, 0, Ordering.RELAXED, null));
        assertFalse(MemoryRules.ready(m, 0, MemOp.RMW, Y, RmwOp.ADD, 1, 0, Ordering.RELEASE, null));
        assertTrue(MemoryRules.ready(m, 0, MemOp.RMW, Y, RmwOp.CMPXCHG, 5, 6, Ordering.FULL, null),
                "a cmpxchg that will fail is a plain read and waits for nothing");
        assertThrows(IllegalArgumentException.class, () -> MemoryRules.ready(m, 0, MemOp.RMW, Y));
        m.drain(0, 0);
        long old = MemoryRules.rmw(m, 0, X, RmwOp.ADD, -1, 0, Ordering.FULL);
        assertEquals(1, old);
        assertEquals(1, RmwResult.NEW_IS_ZERO.of(RmwOp.ADD, old, -1, 0));
        assertEquals(0, RmwResult.NEW.of(RmwOp.ADD, old, -1, 0));
        assertEquals(1, RmwResult.OLD.of(RmwOp.ADD, old, -1, 0));
        assertEquals(1, RmwResult.NEW_IS_NEGATIVE.of(RmwOp.ADD, 0, -1, 0));
        assertEquals(0, RmwResult.CHANGED.of(RmwOp.ADD_UNLESS, 3, 1, 3));
    }

    @Test
    void aConditionalLoadWaitsForTheNewestValueItCanSee() {
        MemorySystem m = memory();
        assertFalse(MemoryRules.ready(m, 1, MemOp.COND_LOAD, X, null, 0, 0, null, v -> v == 7));
        MemoryRules.store(m, 0, X, 7, false);
        assertFalse(MemoryRules.ready(m, 1, MemOp.COND_LOAD, X, null, 0, 0, null, v -> v == 7),
                "still in CPU 0's buffer");
        assertTrue(MemoryRules.ready(m, 0, MemOp.COND_LOAD, X, null, 0, 0, null, v -> v == 7), "forwarded");
        m.drain(0, 0);
        assertTrue(MemoryRules.ready(m, 1, MemOp.COND_LOAD, X, null, 0, 0, null, v -> v == 7));
        assertEquals(7, MemoryRules.condLoad(m, 1, X, true));
    }

    @Test
    void aLoadMayReadAnyValueStillVisible() {
        MemorySystem m = memory();
        assertEquals(1, MemoryRules.loadChoices(m, 1, X));
        MemoryRules.store(m, 0, X, 1, false);
        m.drain(0, 0);
        assertEquals(2, MemoryRules.loadChoices(m, 1, X));
        assertEquals(0, MemoryRules.load(m, 1, X, 1, false));
        assertEquals(1, MemoryRules.loadChoices(m, 1, 99), "a missing location offers one choice and then fails");
    }
}
