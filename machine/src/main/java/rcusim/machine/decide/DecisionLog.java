package rcusim.machine.decide;

import java.util.Arrays;

/**
 * The decisions of a run, compactly: for each, how many options were offered, which was
 * taken, and the options' {@link Options#fingerprint() fingerprint}; and how many machine
 * steps the whole run took. Replaying checks all of them, so a changed simulation is caught at
 * its first divergence.
 *
 * <p>A log made by {@link #countingOnly()} keeps only the count and a {@link #hash()} of the
 * decisions: a campaign's passing runs need no more, and a torture run's 120,000 decisions
 * are 1.4 MB of arrays streamed through the cache per run (a failing run is run again,
 * recorded, from its seed).
 */
public final class DecisionLog {
    private final boolean recording;
    private int[] offered;
    private int[] chosen;
    private int[] fingerprint;
    private int size;
    private long steps = -1;
    private long hash = 1;

    /** A log that records every decision. */
    public DecisionLog() {
        this(true);
    }

    private DecisionLog(boolean recording) {
        this.recording = recording;
        int cap = recording ? 256 : 0;
        offered = new int[cap];
        chosen = new int[cap];
        fingerprint = new int[cap];
    }

    /** A log that counts and hashes the decisions without keeping them. */
    public static DecisionLog countingOnly() {
        return new DecisionLog(false);
    }

    /** False for a {@link #countingOnly()} log, whose per-decision accessors throw. */
    public boolean recording() {
        return recording;
    }

    public void add(int options, int choice, int optionsFingerprint) {
        hash = (hash * 31 + choice) * 31 + optionsFingerprint;
        if (!recording) {
            size++;
            return;
        }
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
        checkRecording();
        return offered[i];
    }

    public int chosen(int i) {
        checkRecording();
        return chosen[i];
    }

    public int fingerprint(int i) {
        checkRecording();
        return fingerprint[i];
    }

    /** A hash of the decisions taken and the options they were taken among, in order. */
    public long hash() {
        return hash;
    }

    private void checkRecording() {
        if (!recording) {
            throw new IllegalStateException("this decision log only counted its decisions");
        }
    }

    /** The machine steps of the whole run, or -1 while it has not ended. */
    public long steps() {
        return steps;
    }

    public void end(long runSteps) {
        steps = runSteps;
    }

    public int[] offeredArray() {
        checkRecording();
        return Arrays.copyOf(offered, size);
    }

    public int[] chosenArray() {
        checkRecording();
        return Arrays.copyOf(chosen, size);
    }

    public int[] fingerprintArray() {
        checkRecording();
        return Arrays.copyOf(fingerprint, size);
    }

    public void clear() {
        size = 0;
        steps = -1;
        hash = 1;
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
        if (!recording) {
            return size + " decisions (not recorded)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            sb.append(chosen[i]).append('/').append(offered[i]).append(i + 1 < size ? " " : "");
        }
        return sb.toString();
    }
}
