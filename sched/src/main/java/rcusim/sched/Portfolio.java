package rcusim.sched;

import java.util.List;

/**
 * Several strategies taking turns: run i uses member i mod k, with run i's own seed. As the
 * member follows from the run index, any split of runs between workers gives each run the same
 * strategy and seed.
 */
public record Portfolio(List<SeededStrategy> members) implements Strategy {
    public Portfolio {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a portfolio needs at least one strategy");
        }
    }

    @Override
    public String name() {
        return "portfolio";
    }

    @Override
    public Choice forRun(long masterSeed, long runIndex) {
        return members.get((int) Math.floorMod(runIndex, (long) members.size())).forRun(masterSeed, runIndex);
    }
}
