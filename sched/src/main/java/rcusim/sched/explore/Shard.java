package rcusim.sched.explore;

/**
 * A slice of a campaign's run indices: shard i of n takes the runs whose index is i mod n, so
 * n shards together run exactly the runs of the whole campaign, each once.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + ": the number of shards must be at"
                    + " least 1");
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": the index must be between 0 and "
                    + (count - 1) + " (shards are numbered from 0)");
        }
    }

    /** Parses "i/N". */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("--shard must be i/N (for example 0/4), not '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).trim()), Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard must be i/N with numbers, not '" + text + "'");
        }
    }

    /** The campaign-wide index of this shard's k-th run. */
    public long runIndex(long k) {
        return k * count + index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
