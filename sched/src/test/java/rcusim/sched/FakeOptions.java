package rcusim.sched;

import rcusim.machine.decide.OptionKind;
import rcusim.machine.decide.Options;

/** Options made up by a test: "STEP 0, DRAIN 1" and so on, at a given machine step. */
record FakeOptions(long step, OptionKind[] kinds, int[] cpus) implements Options {
    /** Parses "STEP 0, DRAIN 0, STEP 1". */
    static FakeOptions of(long step, String text) {
        String[] parts = text.split(",\\s*");
        OptionKind[] kinds = new OptionKind[parts.length];
        int[] cpus = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String[] kc = parts[i].trim().split("\\s+");
            kinds[i] = OptionKind.valueOf(kc[0]);
            cpus[i] = Integer.parseInt(kc[1]);
        }
        return new FakeOptions(step, kinds, cpus);
    }

    @Override
    public int size() {
        return kinds.length;
    }

    @Override
    public OptionKind kind(int i) {
        return kinds[i];
    }

    @Override
    public int cpu(int i) {
        return cpus[i];
    }
}
