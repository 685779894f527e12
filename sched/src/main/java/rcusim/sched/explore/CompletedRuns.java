package rcusim.sched.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which of a shard's runs have finished, as ranges of positions k (run index = k * N + i for
 * shard i of N). Workers take positions in order, so a campaign's finished runs are one range
 * and a few stragglers: a handful of ranges however long it ran. Kept in summary.json so that
 * {@code --resume} skips exactly the runs already counted.
 */
public final class CompletedRuns {
    /** first position of a range -> last position (inclusive); ranges are disjoint. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long count;

    public void add(long k) {
        if (contains(k)) {
            return;
        }
        count++;
        Map.Entry<Long, Long> below = ranges.floorEntry(k);
        Long aboveLast = ranges.get(k + 1);
        boolean joinsBelow = below != null && below.getValue() == k - 1;
        if (joinsBelow && aboveLast != null) {
            ranges.remove(k + 1);
            ranges.put(below.getKey(), aboveLast);
        } else if (joinsBelow) {
            ranges.put(below.getKey(), k);
        } else if (aboveLast != null) {
            ranges.remove(k + 1);
            ranges.put(k, aboveLast);
        } else {
            ranges.put(k, k);
        }
    }

    public boolean contains(long k) {
        Map.Entry<Long, Long> e = ranges.floorEntry(k);
        return e != null && e.getValue() >= k;
    }

    /** How many positions are in. */
    public long count() {
        return count;
    }

    /** The ranges as [first, last] pairs, in order. */
    public List<long[]> ranges() {
        List<long[]> out = new ArrayList<>();
        ranges.forEach((a, b) -> out.add(new long[] {a, b}));
        return out;
    }

    /** Adds the positions first..last (a range read back from a file). */
    public void addRange(long first, long last) {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad range [" + first + ", " + last + "]");
        }
        if (!ranges.subMap(first, true, last, true).isEmpty() || contains(first)) {
            throw new IllegalArgumentException("range [" + first + ", " + last + "] overlaps another");
        }
        ranges.put(first, last);
        count += last - first + 1;
    }
}
