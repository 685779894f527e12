package rcusim.litmus.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rcusim.litmus.ast.LitmusTest;
import rcusim.litmus.axiom.AxiomaticRunner;
import rcusim.litmus.parse.LitmusParser;
import rcusim.machine.memory.MemoryModel;

/**
 * The Tree RCU paths on which smp_mb__after_unlock_lock() (raw_spin_lock_rcu_node()'s barrier,
 * which the fault {@code no-mb-after-unlock-lock} removes) could be the only ordering, each cut
 * down to the accesses that form its cycle, with and without the barrier and with the other
 * barriers the kernel puts on the same path. Verdicts are LKMM's (the axiomatic engine) and the
 * machine's in the weak and power modes; docs/rcu.md walks through them.
 *
 * <ul>
 * <li>CR, the callback registry: an updater removes an element (a release store, as
 * rcu_assign_pointer() and an updater's lock release give), then rcu_accelerate_cbs() snapshots
 * rcu_state.gp_seq under its leaf lock; the GP kthread's rcu_seq_start() stores gp_seq and
 * issues smp_mb(), and its FQS scan reads a CPU's watching counter; that CPU leaves idle (a
 * fully ordered atomic) and reads the pointer in a reader. All three zero: the callback waits
 * only for this grace period, which does not wait for the reader, and the reader holds the old
 * element. Three stores each followed by a load (3.SB): every CPU needs its full barrier, and on
 * the updater's side the kernel has two, the lock's and call_rcu()'s
 * (rcu_segcblist_add_len()'s smp_mb()).
 * <li>PF, a reader's store and poll_state_synchronize_rcu_full(): the store precedes the
 * reader's quiescent-state report (a root lock release); rcu_gp_cleanup() takes the root lock,
 * releases it, takes it again and stores the root's gp_seq; the poller reads that, smp_mb(),
 * reads the reader's store. A release-acquire chain (ISA2): forbidden without the barrier.
 * <li>Z6, the kernel comment's three CPUs through one rcu_node lock: allowed without the
 * barrier by LKMM and by the power mode, not by the multicopy-atomic weak mode; forbidden in all
 * when the first CPU issues smp_mb() after its store, as rcu_gp_cleanup() does after storing the
 * root's gp_seq, the one locklessly read rcu_node field a decision rests on
 * (poll_state_synchronize_rcu_full()).
 * </ul>
 */
class UnlockLockRcuPathsTest {
    private static final String AUL = "smp_mb__after_unlock_lock();";

    static String callbackRegistry(String beforeLock, String afterLock, String seqStart) {
        return """
                C CR

                {}

                P0(int *gp, int *gpseq, spinlock_t *wlock, spinlock_t *leaf)
                {
                	int r0;

                	spin_lock(wlock);
                	smp_store_release(gp, 1);
                	spin_unlock(wlock);
                	%s
                	spin_lock(leaf);
                	%s
                	r0 = READ_ONCE(*gpseq);
                	spin_unlock(leaf);
                }

                P1(int *gpseq, int *ctr)
                {
                	int r0;

                	WRITE_ONCE(*gpseq, 1);
                	%s
                	r0 = smp_load_acquire(ctr);
                }

                P2(int *ctr, int *gp)
                {
                	int r0;
                	int r1;

                	r1 = xchg(ctr, 1);
                	r0 = READ_ONCE(*gp);
                }

                exists (0:r0=0 /\\ 1:r0=0 /\\ 2:r0=0)
                """.formatted(beforeLock, afterLock, seqStart);
    }

    static String pollFull(String afterRelock) {
        return """
                C PF

                {}

                P0(int *y, int *qsmask, spinlock_t *root)
                {
                	WRITE_ONCE(*y, 1);
                	spin_lock(root);
                	WRITE_ONCE(*qsmask, 1);
                	spin_unlock(root);
                }

                P1(int *qsmask, int *gpseq, spinlock_t *root)
                {
                	int r0;

                	spin_lock(root);
                	r0 = READ_ONCE(*qsmask);
                	spin_unlock(root);
                	spin_lock(root);
                	%s
                	WRITE_ONCE(*gpseq, 1);
                	smp_mb();
                	spin_unlock(root);
                }

                P2(int *gpseq, int *y)
                {
                	int r0;
                	int r1;

                	smp_mb();
                	r0 = READ_ONCE(*gpseq);
                	smp_mb();
                	r1 = READ_ONCE(*y);
                }

                exists (1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0)
                """.formatted(afterRelock);
    }

    static String kernelComment(String afterLock, String afterFirstStore) {
        return """
                C Z6

                {}

                P0(int *x, int *y, spinlock_t *leaf)
                {
                	int r0;

                	spin_lock(leaf);
                	%1$s
                	WRITE_ONCE(*x, 1);
                	%2$s
                	r0 = READ_ONCE(*y);
                	spin_unlock(leaf);
                }

                P1(int *y, int *z, spinlock_t *leaf)
                {
                	int r0;

                	spin_lock(leaf);
                	%1$s
                	WRITE_ONCE(*y, 1);
                	r0 = READ_ONCE(*z);
                	spin_unlock(leaf);
                }

                P2(int *z, int *x)
                {
                	int r0;

                	WRITE_ONCE(*z, 1);
                	smp_mb();
                	r0 = READ_ONCE(*x);
                }

                exists (0:r0=0 /\\ 1:r0=0 /\\ 2:r0=0)
                """.formatted(afterLock, afterFirstStore);
    }

    static String source(String path, String variant) {
        return switch (path + " " + variant) {
            case "CR kernel" -> callbackRegistry("", AUL, "smp_mb();");
            case "CR fault" -> callbackRegistry("", "", "smp_mb();");
            // the fault, with call_rcu()'s own full barrier (rcu_segcblist_add_len()) before the lock
            case "CR fault+call_rcu-mb" -> callbackRegistry("smp_mb();", "", "smp_mb();");
            // the barrier kept, rcu_seq_start()'s smp_mb() removed: the kthread's side opens instead
            case "CR no-seq-mb" -> callbackRegistry("", AUL, "");
            case "PF kernel" -> pollFull(AUL);
            case "PF fault" -> pollFull("");
            case "Z6 kernel" -> kernelComment(AUL, "");
            case "Z6 fault" -> kernelComment("", "");
            // the fault, with smp_mb() after the first store, as rcu_gp_cleanup() issues after the root's gp_seq
            case "Z6 fault+store-mb" -> kernelComment("", "smp_mb();");
            default -> throw new IllegalArgumentException(path + " " + variant);
        };
    }

    @ParameterizedTest(name = "{0} {1}: lkmm {2}, weak {3}, power {4}")
    @CsvSource(delimiter = '|', value = {
        "CR|kernel             |Never    |Never    |Never",
        "CR|fault              |Sometimes|Sometimes|Sometimes",
        "CR|fault+call_rcu-mb  |Never    |Never    |Never",
        "CR|no-seq-mb          |Sometimes|Sometimes|Sometimes",
        "PF|kernel             |Never    |Never    |Never",
        "PF|fault              |Never    |Never    |Never",
        "Z6|kernel             |Never    |Never    |Never",
        "Z6|fault              |Sometimes|Never    |Sometimes",
        "Z6|fault+store-mb     |Never    |Never    |Never",
    })
    void theBarriersOnEachPathDecideItsOutcome(String path, String variant, String lkmm, String weak, String power)
            throws Exception {
        String src = source(path.trim(), variant.trim());
        LitmusTest test = LitmusParser.parse(path.trim() + ".litmus", src);
        LitmusResult axiom = new AxiomaticRunner().run(test);
        LitmusResult weakRun = new LitmusRunner(MemoryModel.WEAK).run(test);
        LitmusResult powerRun = new LitmusRunner(MemoryModel.POWER).run(test);
        assertTrue(axiom.complete() && weakRun.complete() && powerRun.complete(), src);
        assertEquals(lkmm.trim(), axiom.verdict().toString(), "LKMM's verdict\n" + src);
        assertEquals(weak.trim(), weakRun.verdict().toString(), "the weak mode\n" + src);
        assertEquals(power.trim(), powerRun.verdict().toString(), "the power mode\n" + src);
    }
}
