package rcusim.litmus.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rcusim.litmus.parse.LitmusParser;
import rcusim.litmus.parse.SharedLitmus;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.RcuFault;

/**
 * The LKMM's RCU litmus tests with the real Tree RCU as backend (preemptible and not, 2-level
 * trees from fanout 2/2 where the test has enough processes): sampled schedules never produce
 * an outcome the expected verdict forbids. Tests: those of litmus/lkmm, litmus/extra and litmus/own that
 * use rcu_read_lock() or synchronize_rcu() and no SRCU.
 */
class TreeRcuLitmusTest {
    private static final int RUNS = 60;

    record Case(Path file, String verdict) {
    }

    static List<Case> rcuTests() throws IOException {
        List<Case> out = new ArrayList<>();
        List<Path> dirs = List.of(SharedLitmus.root().resolve("lkmm"), SharedLitmus.root().resolve("extra"),
                OwnLitmusConformanceTest.ownSuite());
        for (Path d : dirs) {
            for (String line : Files.readAllLines(d.resolve("EXPECTED.tsv"))) {
                if (line.startsWith("file\t") || line.isBlank()) {
                    continue;
                }
                String[] cols = line.split("\t");
                Path f = d.resolve(cols[0]);
                String text = Files.readString(f);
                if ((text.contains("rcu_read_lock") || text.contains("synchronize_rcu")) && !text.contains("srcu")) {
                    out.add(new Case(f, cols[1]));
                }
            }
        }
        return out;
    }

    /**
     * The check has teeth: when synchronize_rcu() returns at once, RCU+sync+read shows its
     * forbidden outcome. (Subtler faults, such as a zeroed qsmask at GP init, still leave grace
     * periods that last jiffies, far longer than a three-access reader sampled here; the
     * torture scenarios catch those.)
     */
    @Test
    void aBrokenTreeRcuProducesAForbiddenOutcome() throws IOException {
        RcuConfig broken = RcuConfig.preemptibleDefaults().withFanout(2, 2).withMutation(RcuFault.SYNC_RETURNS_AT_ONCE);
        Path f = OwnLitmusConformanceTest.ownSuite().resolve("RCU+sync+read.litmus");
        TreeRcuLitmus backend = new TreeRcuLitmus(LitmusParser.parse(f), broken);
        for (long seed = 0; seed < 400; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            TreeRcuLitmus.Outcome o = backend.run(starving(r, 0));
            if (!o.run().passed() || (o.passedFilter() && o.satisfies())) {
                return;
            }
        }
        throw new AssertionError("RCU+sync+read never showed the broken grace period in 400 runs");
    }

    /**
     * A schedule that, after a random number of early decisions (a change point, as PCT has),
     * starves CPU c: it steps only when nothing else can, or 1 time in 300. A reader on c that
     * has begun then spans a whole grace period.
     */
    static rcusim.machine.decide.Decider starving(SplittableRandom r, int c) {
        int changePoint = r.nextInt(12);
        int[] decisions = {0};
        return opts -> {
            if (decisions[0]++ < changePoint) {
                return r.nextInt(opts.size());
            }
            int others = 0;
            for (int i = 0; i < opts.size(); i++) {
                if (opts.cpu(i) != c) {
                    others++;
                }
            }
            if (others == 0 || others == opts.size() || r.nextInt(300) == 0) {
                return r.nextInt(opts.size());
            }
            int k = r.nextInt(others);
            for (int i = 0; i < opts.size(); i++) {
                if (opts.cpu(i) != c && k-- == 0) {
                    return i;
                }
            }
            throw new IllegalStateException();
        };
    }

    /**
     * The expedited check has teeth too: when the IPI handler reports a CPU that is inside a
     * reader, RCU+sync+free shows its forbidden outcome (the reader fetched the old pointer
     * before the grace period and dereferences it after the update. RCU+sync+read cannot show
     * this one: the handler's node lock is a full barrier on the reader's CPU, and its later
     * reads are fresh).
     */
    @Test
    void aBrokenExpeditedGracePeriodProducesAForbiddenOutcome() throws IOException {
        RcuConfig broken = RcuConfig.preemptibleDefaults().withFanout(2, 2).withMutation(RcuFault.EXP_HANDLER_REPORTS_IN_READER);
        Path f = OwnLitmusConformanceTest.ownSuite().resolve("RCU+sync+free.litmus");
        TreeRcuLitmus backend = new TreeRcuLitmus(LitmusParser.parse(f), broken, true);
        for (long seed = 0; seed < 1000; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            TreeRcuLitmus.Outcome o = backend.run(starving(r, 0));
            if (!o.run().passed() || (o.passedFilter() && o.satisfies())) {
                return;
            }
        }
        throw new AssertionError("RCU+sync+free never showed the broken expedited grace period in 1000 runs");
    }

    @Test
    void noForbiddenOutcomeWithTreeRcu() throws IOException {
        noForbiddenOutcome(false, RUNS);
    }

    /** The same with every grace period expedited. */
    @Test
    void noForbiddenOutcomeWithExpeditedTreeRcu() throws IOException {
        noForbiddenOutcome(true, RUNS);
    }

    private static void noForbiddenOutcome(boolean expedited, int runsPerCase) throws IOException {
        List<Case> cases = rcuTests();
        assertTrue(cases.size() >= 8, "only " + cases.size() + " RCU litmus tests found");
        List<String> wrong = new ArrayList<>();
        int runs = 0;
        for (Case c : cases) {
            for (boolean preemptible : new boolean[] {true, false}) {
                RcuConfig cfg = (preemptible ? RcuConfig.preemptibleDefaults() : RcuConfig.nonPreemptibleDefaults())
                        .withFanout(2, 2);
                TreeRcuLitmus backend = new TreeRcuLitmus(LitmusParser.parse(c.file()), cfg, expedited);
                assertTrue(backend.supported(), c.file() + " is not supported");
                SplittableRandom seeds = new SplittableRandom(c.file().getFileName().toString().hashCode());
                for (int i = 0; i < runsPerCase; i++) {
                    SplittableRandom r = new SplittableRandom(seeds.nextLong());
                    // half the runs starve one process's CPU, so that its critical sections span grace periods
                    TreeRcuLitmus.Outcome o = backend.run(i % 2 == 0 ? opts -> r.nextInt(opts.size())
                            : starving(r, i % backend.processes().size()));
                    assertTrue(o.run().passed(), () -> c.file() + ": " + o.run().describe());
                    runs++;
                    if (!o.passedFilter()) {
                        continue;
                    }
                    if (c.verdict().equals("Never") && o.satisfies()) {
                        wrong.add(c.file().getFileName() + " (" + (preemptible ? "preemptible" : "non-preemptible")
                                + "): forbidden outcome " + o.state());
                    }
                    if (c.verdict().equals("Always") && !o.satisfies()) {
                        wrong.add(c.file().getFileName() + ": Always violated by " + o.state());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(runs > 0);
    }
}
