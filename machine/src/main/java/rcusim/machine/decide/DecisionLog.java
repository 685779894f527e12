package rcusim.machine.decide;

import java.util.Arrays;

/**
 * The decisions of a run, compactly: for each, how many options were offered and which was
 * taken. Replaying checks the counts, so a changed simulation is caught at its first
 * divergence.
 */
public final class DecisionLog {
    private int[] offered = new int[256];
    private int[] chosen = new int[256];
    private int size;

    public void add(int options, int choice) {
        if (size == offered.length) {
            offered = Arrays.copyOf(offered, size * 2);
            chosen = Arrays.copyOf(chosen, size * 2);
        }
        offered[size] = options;
        chosen[size] = choice;
        size++;
    }

    public int size() {
        return size;
    }

    public int offered(int i) {
        return offered[i];
    }

    public int chosen(int i) {
        return chosen[i];
    }

    public int[] offeredArray() {
        return Arrays.copyOf(offered, size);
    }

    public int[] chosenArray() {
        return Arrays.copyOf(chosen, size);
    }

    public void clear() {
        size = 0;
    }

    public static DecisionLog of(int[] offered, int[] chosen) {
        if (offered.length != chosen.length) {
            throw new IllegalArgumentException("offered and chosen differ in length");
        }
        DecisionLog log = new DecisionLog();
        for (int i = 0; i < offered.length; i++) {
            log.add(offered[i], chosen[i]);
        }
        return log;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            sb.append(chosen[i]).append('/').append(offered[i]).append(i + 1 < size ? " " : "");
        }
        return sb.toString();
    }
}
