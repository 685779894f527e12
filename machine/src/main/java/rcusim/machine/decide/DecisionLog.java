package rcusim.machine.decide;

import java.util.Arrays;

/**
 * The decisions of a run, compactly: for each, how many options were offered, which was
 * taken, and the options' {@link Options#fingerprint() fingerprint}; and how many machine
 * steps the whole run took. Replaying checks all of them, so a changed simulation is caught at
 * its first divergence.
 */
public final class DecisionLog {
    private int[] offered = new int[256];
    private int[] chosen = new int[256];
    private int[] fingerprint = new int[256];
    private int size;
    private long steps = -1;

    public void add(int options, int choice, int optionsFingerprint) {
        if (size == offered.length) {
            offered = Arrays.copyOf(offered, size * 2);
            chosen = Arrays.copyOf(chosen, size * 2);
            fingerprint = Arrays.copyOf(fingerprint, size * 2);
        }
        offered[size] = options;
        chosen[size] = choice;
        fingerprint[size] = optionsFingerprint;
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

    public int fingerprint(int i) {
        return fingerprint[i];
    }

    /** The machine steps of the whole run, or -1 while it has not ended. */
    public long steps() {
        return steps;
    }

    public void end(long runSteps) {
        steps = runSteps;
    }

    public int[] offeredArray() {
        return Arrays.copyOf(offered, size);
    }

    public int[] chosenArray() {
        return Arrays.copyOf(chosen, size);
    }

    public int[] fingerprintArray() {
        return Arrays.copyOf(fingerprint, size);
    }

    public void clear() {
        size = 0;
        steps = -1;
    }

    /** A log read back from a file; steps is -1 when it was not recorded. */
    public static DecisionLog of(int[] offered, int[] chosen, int[] fingerprints, long steps) {
        if (offered.length != chosen.length || offered.length != fingerprints.length) {
            throw new IllegalArgumentException("offered, chosen and fingerprints differ in length");
        }
        DecisionLog log = new DecisionLog();
        for (int i = 0; i < offered.length; i++) {
            log.add(offered[i], chosen[i], fingerprints[i]);
        }
        log.steps = steps;
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
