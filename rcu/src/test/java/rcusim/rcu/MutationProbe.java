package rcusim.rcu;

import rcusim.machine.Machine;
import rcusim.machine.RunResult;
import rcusim.rcu.torture.RcuTorture;
import rcusim.rcu.torture.TortureConfig;

/** Not a test: runs each mutation over seeds and prints the first failure (for development). */
public final class MutationProbe {
    public static void main(String[] args) {
        int seeds = Integer.parseInt(args.length > 0 ? args[0] : "200");
        java.util.List<String[]> list = new java.util.ArrayList<>();
        if (args.length > 1) {
            list.add(new String[] {args[1], ""});
        } else {
            list.addAll(Mutations.ALL);
        }
        for (String[] mu : list) {
            long t0 = System.nanoTime();
            String found = "not found";
            for (long seed = 0; seed < seeds; seed++) {
                Machine m = TreeRcuTortureTest.machine(4);
                TreeRcu rcu = TreeRcu.install(m, RcuConfig.preemptibleDefaults().withFanout(2, 2)
                        .withStallTimeout(500).withMutation(mu[0]));
                RcuTorture.start(m, rcu, TortureConfig.small(), seed);
                RunResult r = m.run(TreeRcuTortureTest.random(seed));
                if (!r.passed()) {
                    String d = r.describe();
                    found = "seed " + seed + ": " + d.substring(0, Math.min(d.length(), 160)).replace('\n', ' ');
                    break;
                }
            }
            System.out.printf("%-30s %6.1f s  %s%n", mu[0], (System.nanoTime() - t0) / 1e9, found);
        }
    }
}
