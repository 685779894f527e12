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
 *
 * <p>A recording log grows a chunk at a time and never copies what it holds: copying three
 * arrays at each doubling showed in the cost of a machine step (issue 18).
 */
public final class DecisionLog {
    /** Decisions per chunk: 512, three ints each (6 KiB). */
    private static final int CHUNK_BITS = 9;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int OFFERED = 0;
    private static final int CHOSEN = 1;
    private static final int FINGERPRINT = 2;

    private final boolean recording;
    /** The chunks, each holding CHUNK decisions as (offered, chosen, fingerprint) side by side; null when counting only. */
    private int[][] chunks;
    /** The chunk the next decision goes to, once it has one. */
    private int[] current;
    private int size;
    private long steps = -1;
    private long hash = 1;

    /** A log that records every decision. */
    public DecisionLog() {
        this(true);
    }

    private DecisionLog(boolean recording) {
        this.recording = recording;
        chunks = recording ? new int[4][] : null;
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
        int k = size & (CHUNK - 1);
        if (k == 0) {
            nextChunk();
        }
        int[] c = current;
        c[3 * k + OFFERED] = options;
        c[3 * k + CHOSEN] = choice;
        c[3 * k + FINGERPRINT] = optionsFingerprint;
        size++;
    }

    /** Makes the chunk that decision {@link #size} starts current (one kept from before a {@link #clear} if any). */
    private void nextChunk() {
        int i = size >>> CHUNK_BITS;
        if (i == chunks.length) {
            chunks = Arrays.copyOf(chunks, 2 * i);
        }
        if (chunks[i] == null) {
            chunks[i] = new int[3 * CHUNK];
        }
        current = chunks[i];
    }

    /** Field f of decision i. */
    private int field(int i, int f) {
        checkRecording();
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("decision " + i + " of " + size);
        }
        return slot(i, f);
    }

    /** Field f of every decision, in order. */
    private int[] column(int f) {
        checkRecording();
        int[] a = new int[size];
        for (int i = 0; i < size; i++) {
            a[i] = slot(i, f);
        }
        return a;
    }

    /** Where field f of decision i is kept: its chunk, at three ints per decision. */
    private int slot(int i, int f) {
        return chunks[i >>> CHUNK_BITS][3 * (i & (CHUNK - 1)) + f];
    }

    public int size() {
        return size;
    }

    public int offered(int i) {
        return field(i, OFFERED);
    }

    public int chosen(int i) {
        return field(i, CHOSEN);
    }

    public int fingerprint(int i) {
        return field(i, FINGERPRINT);
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
        return column(OFFERED);
    }

    public int[] chosenArray() {
        return column(CHOSEN);
    }

    public int[] fingerprintArray() {
        return column(FINGERPRINT);
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
            sb.append(chosen(i)).append('/').append(offered(i)).append(i + 1 < size ? " " : "");
        }
        return sb.toString();
    }
}
