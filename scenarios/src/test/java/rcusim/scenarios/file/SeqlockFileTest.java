package rcusim.scenarios.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.SimFailure;
import rcusim.sched.scenario.ScenarioRun;

/** Sequence locks in scenario files: the calls, the objects and their rules. */
class SeqlockFileTest {
    private static final String HEADER = "machine { cpus = 2; stall_timeout = 500; }\n";

    private static ScenarioRun run(String body, long seed) {
        return ScenarioRun.run(ScenarioFiles.compile("t", "t.scn", HEADER + body), seed, false);
    }

    @Test
    void seqlockReadersNeverAcceptATornValue() {
        String prog = """
                DEFINE_SEQLOCK(sl);
                int lo;
                int hi;
                task writer cpu 0 {
                    for (int i = 1; i <= 10; i++) {
                        unsigned long flags;
                        write_seqlock_irqsave(&sl, flags);
                        lo = i;
                        hi = -i;
                        write_sequnlock_irqrestore(&sl, flags);
                        write_seqlock(&sl);
                        lo = lo + 100;
                        hi = hi - 100;
                        write_sequnlock(&sl);
                    }
                }
                task reader cpu 1 {
                    for (int i = 0; i < 10; i++) {
                        int seq = 0;
                        int a;
                        int b;
                        while (1) {
                            read_seqbegin_or_lock(&sl, &seq);
                            a = READ_ONCE(lo);
                            b = READ_ONCE(hi);
                            if (!need_seqretry(&sl, seq))
                                break;
                            seq = 1;
                        }
                        done_seqretry(&sl, seq);
                        BUG_ON(a != -b);
                        int s2 = read_seqbegin(&sl);
                        a = READ_ONCE(lo);
                        b = READ_ONCE(hi);
                        BUG_ON(!read_seqretry(&sl, s2) && a != -b);
                    }
                }
                """;
        for (long seed = 1; seed <= 10; seed++) {
            ScenarioRun r = run(prog, seed);
            assertTrue(r.passed(), () -> r.result().describe());
        }
    }

    @Test
    void seqcountWithAssociatedLockAssertsTheWriterHoldsIt() {
        String prog = """
                DEFINE_RAW_SPINLOCK(lock);
                seqcount_raw_spinlock_t s;
                int x;
                task writer cpu 0 {
                    seqcount_raw_spinlock_init(&s, &lock);
                    raw_spin_lock(&lock);
                    write_seqcount_begin(&s);
                    x = 1;
                    write_seqcount_end(&s);
                    raw_spin_unlock(&lock);
                    LOCKED
                    write_seqcount_begin(&s);
                    x = 2;
                    write_seqcount_end(&s);
                    UNLOCKED
                    int seq = read_seqcount_begin(&s);
                    BUG_ON(seq != 4 || read_seqcount_retry(&s, seq));
                }
                """;
        ScenarioRun ok = run(prog.replace("UNLOCKED", "raw_spin_unlock(&lock);").replace("LOCKED", "raw_spin_lock(&lock);"), 1);
        assertTrue(ok.passed(), () -> ok.result().describe());
        ScenarioRun bad = run(prog.replace("UNLOCKED", "").replace("LOCKED", ""), 1);
        assertEquals(SimFailure.Kind.LOCKDEP, bad.result().failure().kind(), bad.result()::describe);
        assertTrue(bad.result().failure().getMessage().contains("lockdep_assert_held(lock)"), bad.result()::describe);
    }

    @Test
    void latchCopiesAreReadWholeAndBadArgumentsAreNamed() {
        String prog = """
                seqcount_latch_t latch;
                int copy[4];
                task writer cpu 0 {
                    for (int i = 1; i <= 20; i++) {
                        for (int c = 0; c < 2; c++) {
                            raw_write_seqcount_latch(&latch);
                            copy[2 * c] = i;
                            copy[2 * c + 1] = -i;
                        }
                    }
                }
                task reader cpu 1 {
                    for (int i = 0; i < 20; i++) {
                        int seq;
                        int a;
                        int b;
                        do {
                            seq = read_seqcount_latch(&latch);
                            a = copy[2 * (seq & 1)];
                            b = copy[2 * (seq & 1) + 1];
                        } while (read_seqcount_latch_retry(&latch, seq));
                        BUG_ON(a != -b);
                    }
                }
                """;
        for (long seed = 1; seed <= 10; seed++) {
            ScenarioRun r = run(prog, seed);
            assertTrue(r.passed(), () -> r.result().describe());
        }
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> run("seqcount_latch_t l;\ntask t cpu 0 { int s = read_seqcount_begin(&l); }\n", 1));
        assertTrue(e.getMessage().contains("t.scn:3:") && e.getMessage().contains("takes a seqcount_t *"), e.getMessage());
    }
}
