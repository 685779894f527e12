package rcusim.machine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The allocator's reuse of freed blocks: most recently freed first, by size, with generations. */
class AllocReuseTest {
    @Test
    void lifoHandsOutTheMostRecentlyFreedBlockOfTheSameSize() {
        MemorySystem mem = new MemorySystem(MemoryModel.WEAK, 2);
        mem.setAllocReuse(AllocReuse.LIFO);
        int a = mem.allocate(2, 0);
        int b = mem.allocate(2, 0);
        int c = mem.allocate(1, 0);
        mem.free(a, "free a");
        mem.free(c, "free c");
        mem.free(b, "free b");
        assertEquals(b, mem.allocate(2, 7, "realloc b"), "the last freed block of size 2 comes back first");
        assertEquals(a, mem.allocate(2, 8, "realloc a"));
        assertEquals(c, mem.allocate(1, 9, "realloc c"), "a size-1 request takes the size-1 block");
        int fresh = mem.allocate(2, 0);
        assertTrue(fresh > c, "nothing freed left: a new block");
        assertEquals(1, mem.generation(b));
        assertEquals(1, mem.generation(b + 1), "every location of the block has the block's generation");
        assertEquals(0, mem.generation(fresh));
        assertEquals("realloc b", mem.allocSite(b));
        assertEquals("free b", mem.freedBeforeReuse(b));
        assertNull(mem.freeSite(b), "live again");
        assertTrue(mem.isLive(b) && mem.isLive(b + 1));
        assertEquals(7, mem.latestValue(b), "the allocation's initial value is the newest write");
        assertEquals(7, mem.latestValue(b + 1));
    }

    @Test
    void reuseIsDeterministic() {
        assertEquals(script(), script());
    }

    private static String script() {
        MemorySystem mem = new MemorySystem(MemoryModel.WEAK, 1);
        mem.setAllocReuse(AllocReuse.LIFO);
        StringBuilder got = new StringBuilder();
        int[] live = new int[8];
        for (int i = 0; i < 8; i++) {
            live[i] = mem.allocate(1 + i % 3, 0);
        }
        for (int round = 0; round < 4; round++) {
            for (int i = round % 2; i < 8; i += 2) {
                mem.free(live[i], "f");
            }
            for (int i = round % 2; i < 8; i += 2) {
                live[i] = mem.allocate(1 + i % 3, round);
                got.append(live[i]).append(':').append(mem.generation(live[i])).append(' ');
            }
        }
        return got.toString();
    }

    @Test
    void withoutReuseAFreedAddressNeverComesBack() {
        MemorySystem mem = new MemorySystem(MemoryModel.WEAK, 1);
        int a = mem.allocate(2, 0);
        mem.free(a, "f");
        int b = mem.allocate(2, 0);
        assertNotEquals(a, b);
        assertEquals(0, mem.generation(b));
        assertThrows(MemorySystem.UseAfterFree.class, () -> mem.load(0, a, 0));
    }

    @Test
    void aBlockWithAStoreStillBufferedIsNotReused() {
        MemorySystem mem = new MemorySystem(MemoryModel.WEAK, 2);
        mem.setAllocReuse(AllocReuse.LIFO);
        int a = mem.allocate(1, 0);
        mem.store(1, a, 5, false); // CPU 1's store, still in its buffer
        mem.free(a, "f");
        int b = mem.allocate(1, 0);
        assertNotEquals(a, b, "the buffered store would land on the new object");
        assertThrows(MemorySystem.UseAfterFree.class, () -> mem.drain(1, 0), "it lands on freed memory instead");
    }

    @Test
    void theChoiceIsMadeBeforeAnythingIsFreed() {
        MemorySystem mem = new MemorySystem(MemoryModel.WEAK, 1);
        mem.free(mem.allocate(1, 0), "f");
        assertThrows(IllegalStateException.class, () -> mem.setAllocReuse(AllocReuse.LIFO));
        assertEquals(AllocReuse.LIFO, AllocReuse.parse("lifo"));
        assertThrows(IllegalArgumentException.class, () -> AllocReuse.parse("fifo"));
    }

    @Test
    void copiesKeepTheirOwnFreeLists() {
        MemorySystem mem = new MemorySystem(MemoryModel.WEAK, 1);
        mem.setAllocReuse(AllocReuse.LIFO);
        int a = mem.allocate(1, 0);
        mem.free(a, "f");
        MemorySystem copy = mem.copy();
        assertEquals(a, copy.allocate(1, 0));
        assertEquals(a, mem.allocate(1, 0), "the copy's reuse took nothing from the original");
    }

    @Test
    void aPointerReadStaleCarriesTheGenerationItWasStoredWith() {
        MemorySystem mem = new MemorySystem(MemoryModel.WEAK, 2);
        mem.setAllocReuse(AllocReuse.LIFO);
        int head = mem.allocate(1, 0);
        int a = mem.allocate(2, 0);
        int b = mem.allocate(2, 0);
        mem.store(0, head, Address.of(a), false);
        mem.drain(0, 0);
        mem.store(0, head, Address.of(b), false);
        mem.drain(0, 0);
        mem.free(a, "f");
        assertEquals(a, mem.allocate(2, 0, "again"));
        assertEquals(2, mem.readableCount(1, head) - 1, "CPU 1 may still read the first two values of head");
        assertEquals(Address.of(a), mem.load(1, head, 1), "a stale read returns the old pointer to a");
        assertEquals(0, mem.lastLoadPointeeGeneration(), "stored while a was at generation 0");
        assertEquals(1, mem.generation(a));
        assertEquals(Address.of(b), mem.load(1, head, 0));
        assertEquals(0, mem.lastLoadPointeeGeneration());
        mem.store(1, head, Address.of(a), false);
        mem.drain(1, 0);
        assertEquals(Address.of(a), mem.load(0, head, 0));
        assertEquals(1, mem.lastLoadPointeeGeneration(), "a pointer to the new object");
    }
}
