package rcusim.sched;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * PCT's priorities over CPUs, kept as a ranking (rank 0 is the highest priority). A CPU seen
 * for the first time is inserted at a uniformly random rank among the CPUs that still have
 * their initial priority; inserting each newcomer that way gives a uniformly random order, as
 * if all priorities had been dealt at the start. A lowered CPU goes to the very bottom, below
 * every initial priority and below the CPUs lowered before it.
 */
final class PriorityOrder {
    private final SplittableRandom random;
    private int[] ranked = new int[8];
    private int size;
    /** ranked[0, initial) still have their initial priority; the rest were lowered. */
    private int initial;
    /** rank + 1 of each CPU, 0 while unseen. */
    private int[] rankOf = new int[8];

    PriorityOrder(SplittableRandom random) {
        this.random = random;
    }

    /** Gives cpu its initial priority if it has none yet. */
    void see(int cpu) {
        if (cpu < rankOf.length && rankOf[cpu] != 0) {
            return;
        }
        if (cpu >= rankOf.length) {
            rankOf = Arrays.copyOf(rankOf, Math.max(cpu + 1, rankOf.length * 2));
        }
        if (size == ranked.length) {
            ranked = Arrays.copyOf(ranked, size * 2);
        }
        int at = random.nextInt(initial + 1);
        System.arraycopy(ranked, at, ranked, at + 1, size - at);
        ranked[at] = cpu;
        size++;
        initial++;
        renumber(at);
    }

    /** Moves cpu (already seen) below everyone. */
    void lower(int cpu) {
        int at = rank(cpu);
        if (at < initial) {
            initial--;
        }
        System.arraycopy(ranked, at + 1, ranked, at, size - at - 1);
        ranked[size - 1] = cpu;
        renumber(at);
    }

    /** 0 for the highest priority; larger is lower. */
    int rank(int cpu) {
        return rankOf[cpu] - 1;
    }

    /** The CPUs from highest to lowest priority. */
    int[] ranking() {
        return Arrays.copyOf(ranked, size);
    }

    private void renumber(int from) {
        for (int r = from; r < size; r++) {
            rankOf[ranked[r]] = r + 1;
        }
    }
}
