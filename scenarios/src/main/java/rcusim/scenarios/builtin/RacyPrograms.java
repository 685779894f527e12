package rcusim.scenarios.builtin;

import java.util.List;
import rcusim.kernel.Kernel;
import rcusim.kernel.RawSpinlock;
import rcusim.kernel.Simulation;
import rcusim.machine.Ordering;
import rcusim.machine.RmwOp;
import rcusim.rcu.RcuConfig;
import rcusim.rcu.TreeRcu;

/**
 * Small programs with a data race, each beside its fixed version, for the data-race detector
 * (scenario race-NAME, and race-NAME with --inject NAME): the racy one must be reported on every run that
 * makes the racing accesses, the fixed one never. Each is a shape the kernel's memory-model
 * documentation or KCSAN's own tests warn about.
 */
final class RacyPrograms {
    private RacyPrograms() {
    }

    /** Loads one version (racy or fixed) of a program on a simulation. */
    @FunctionalInterface
    interface Body {
        void load(Simulation m);
    }

    /**
     * One program.
     *
     * @param name the scenario name's stem
     * @param racy what races, for the racy version's description
     * @param fix what the fixed version does instead
     * @param rcu whether it runs on Tree RCU (needs a kernel whose grace periods end)
     */
    record Program(String name, String racy, String fix, boolean rcu, Body racyBody, Body fixedBody) {
    }

    static final List<Program> ALL = List.of(
            new Program("plain-rw", "a plain write and a plain read of the same variable on two CPUs",
                    "WRITE_ONCE() and READ_ONCE()", false,
                    m -> plainRw(m, false), m -> plainRw(m, true)),
            new Program("plain-flag", "a flag published with a plain store and polled with a plain load",
                    "the flag written with WRITE_ONCE() and read with READ_ONCE()", false,
                    m -> flag(m, false), m -> flag(m, true)),
            new Program("mp-no-release", "plain data passed by a WRITE_ONCE() flag without release/acquire",
                    "smp_store_release() of the flag and smp_cond_load_acquire() on it", false,
                    m -> messagePassing(m, false), m -> messagePassing(m, true)),
            new Program("lock-one-side", "a counter incremented under a spinlock on one CPU and without it on the other",
                    "both sides take the lock", false,
                    m -> lockOneSide(m, false), m -> lockOneSide(m, true)),
            new Program("lock-wrong", "a counter incremented under two different spinlocks",
                    "both sides take the same lock", false,
                    m -> lockWrong(m, false), m -> lockWrong(m, true)),
            new Program("seqcount-plain", "a hand-written seqcount reader reading the data with plain loads",
                    "the reader reads the data with READ_ONCE()", false,
                    m -> seqcount(m, false), m -> seqcount(m, true)),
            new Program("plain-counter", "a counter incremented with plain loads and stores from two CPUs",
                    "atomic_inc()", false,
                    m -> counter(m, false), m -> counter(m, true)),
            new Program("irq-plain", "a task's plain read-modify-write of a variable an interrupt handler (an IPI) writes",
                    "the task disables interrupts around its update", false,
                    m -> irq(m, false), m -> irq(m, true)),
            new Program("rcu-after-unlock", "a reader using an RCU-protected object after rcu_read_unlock(),"
                    + " while the updater poisons it after synchronize_rcu()",
                    "the reader uses it inside its read-side critical section", true,
                    m -> rcuAfterUnlock(m, false), m -> rcuAfterUnlock(m, true)),
            new Program("assert-writer", "ASSERT_EXCLUSIVE_WRITER() on a variable a second CPU also writes (marked)",
                    "the second CPU only reads it", false,
                    m -> assertWriter(m, false), m -> assertWriter(m, true)),
            new Program("assert-bits", "ASSERT_EXCLUSIVE_BITS(flags, 0x1) while another CPU flips bit 0x1 with atomic_xor()",
                    "the other CPU sets bit 0x2 with atomic_or()", false,
                    m -> assertBits(m, false), m -> assertBits(m, true)),
            new Program("assert-access", "ASSERT_EXCLUSIVE_ACCESS() on a variable another CPU reads (READ_ONCE) meanwhile",
                    "the other CPU reads it only after a release/acquire hand-off", false,
                    m -> assertAccess(m, false), m -> assertAccess(m, true)),
            new Program("completion", "plain data read by a task that does not wait for the completion signalling it",
                    "the reader waits in wait_for_completion()", false,
                    m -> completion(m, false), m -> completion(m, true)));

    private static void plainRw(Simulation m, boolean fixed) {
        long x = m.kernel().alloc(1);
        m.spawn(0, "writer", k -> {
            if (fixed) {
                k.writeOnce(x, 1);
            } else {
                k.plainWrite(x, 1);
            }
        });
        m.spawn(1, "reader", k -> {
            long v = fixed ? k.readOnce(x) : k.plainRead(x);
            k.count("reader saw " + v, 1);
        });
    }

    private static void flag(Simulation m, boolean fixed) {
        long data = m.kernel().alloc(1);
        long flag = m.kernel().alloc(1);
        m.spawn(0, "publisher", k -> {
            k.writeOnce(data, 42);
            k.smpWmb();
            if (fixed) {
                k.writeOnce(flag, 1);
            } else {
                k.plainWrite(flag, 1);
            }
        });
        m.spawn(1, "poller", k -> {
            for (int i = 0; i < 3; i++) {
                long f = fixed ? k.readOnce(flag) : k.plainRead(flag);
                if (f == 1) {
                    k.smpRmb();
                    k.readOnce(data);
                    return;
                }
            }
        });
    }

    private static void messagePassing(Simulation m, boolean fixed) {
        long data = m.kernel().alloc(1);
        long flag = m.kernel().alloc(1);
        m.spawn(0, "producer", k -> {
            k.plainWrite(data, 42);
            if (fixed) {
                k.smpStoreRelease(flag, 1);
            } else {
                k.writeOnce(flag, 1);
            }
        });
        m.spawn(1, "consumer", k -> {
            if (fixed) {
                k.smpCondLoadAcquire(flag, v -> v == 1);
            } else {
                k.smpCondLoadRelaxed(flag, v -> v == 1);
            }
            k.plainRead(data);
        });
    }

    private static void increment(Kernel k, long x) {
        k.plainWrite(x, k.plainRead(x) + 1);
    }

    private static void lockOneSide(Simulation m, boolean fixed) {
        RawSpinlock lock = RawSpinlock.create(m.kernel(), "counter_lock");
        long x = m.kernel().alloc(1);
        m.spawn(0, "locked", k -> {
            for (int i = 0; i < 3; i++) {
                k.rawSpinLock(lock);
                increment(k, x);
                k.rawSpinUnlock(lock);
            }
        });
        m.spawn(1, "unlocked", k -> {
            for (int i = 0; i < 3; i++) {
                if (fixed) {
                    k.rawSpinLock(lock);
                }
                increment(k, x);
                if (fixed) {
                    k.rawSpinUnlock(lock);
                }
            }
        });
    }

    private static void lockWrong(Simulation m, boolean fixed) {
        RawSpinlock a = RawSpinlock.create(m.kernel(), "lock_a");
        RawSpinlock b = fixed ? a : RawSpinlock.create(m.kernel(), "lock_b");
        long x = m.kernel().alloc(1);
        m.spawn(0, "under-a", k -> {
            for (int i = 0; i < 3; i++) {
                k.rawSpinLock(a);
                increment(k, x);
                k.rawSpinUnlock(a);
            }
        });
        m.spawn(1, "under-b", k -> {
            for (int i = 0; i < 3; i++) {
                k.rawSpinLock(b);
                increment(k, x);
                k.rawSpinUnlock(b);
            }
        });
    }

    private static void seqcount(Simulation m, boolean fixed) {
        long seq = m.kernel().alloc(1);
        long a = m.kernel().alloc(1);
        long b = m.kernel().alloc(1);
        m.spawn(0, "seq-writer", k -> {
            for (int i = 1; i <= 2; i++) {
                k.writeOnce(seq, k.readOnce(seq) + 1);
                k.smpWmb();
                k.writeOnce(a, i);
                k.writeOnce(b, i);
                k.smpWmb();
                k.writeOnce(seq, k.readOnce(seq) + 1);
            }
        });
        m.spawn(1, "seq-reader", k -> {
            for (int tries = 0; tries < 4; tries++) {
                long s0 = k.readOnce(seq);
                if ((s0 & 1) != 0) {
                    continue;
                }
                k.smpRmb();
                long va = fixed ? k.readOnce(a) : k.plainRead(a);
                long vb = fixed ? k.readOnce(b) : k.plainRead(b);
                k.smpRmb();
                if (k.readOnce(seq) == s0) {
                    if (va != vb) {
                        throw new rcusim.machine.SimFailure(rcusim.machine.SimFailure.Kind.ASSERTION,
                                "seqcount reader saw a torn pair " + va + "/" + vb);
                    }
                    return;
                }
            }
        });
    }

    private static void counter(Simulation m, boolean fixed) {
        long x = m.kernel().alloc(1);
        for (int cpu = 0; cpu < 2; cpu++) {
            m.spawn(cpu, "counter" + cpu, k -> {
                for (int i = 0; i < 3; i++) {
                    if (fixed) {
                        k.atomicInc(x);
                    } else {
                        increment(k, x);
                    }
                }
            });
        }
    }

    private static void irq(Simulation m, boolean fixed) {
        long x = m.kernel().alloc(1);
        long started = m.kernel().alloc(1);
        m.spawn(0, "updater", k -> {
            k.smpStoreRelease(started, 1);
            for (int i = 0; i < 40; i++) {
                if (fixed) {
                    k.localIrqDisable();
                }
                increment(k, x);
                if (fixed) {
                    k.localIrqEnable();
                }
            }
        });
        m.spawn(1, "ipi-sender", k -> {
            k.smpCondLoadAcquire(started, v -> v == 1);
            k.smpCallFunctionSingle(0, kk -> kk.plainWrite(x, 0), true);
        });
    }

    private static void rcuAfterUnlock(Simulation m, boolean fixed) {
        TreeRcu tree = TreeRcu.install(m, RcuConfig.nonPreemptibleDefaults().withStallTimeout(1_000_000));
        Kernel k0 = m.kernel();
        long gp = k0.alloc(1);
        long obj = k0.alloc(1);
        long ready = k0.alloc(1);
        long gpDone = k0.alloc(1);
        m.spawn(0, "reader", k -> {
            k.smpCondLoadAcquire(ready, v -> v == 1);
            tree.readLock(k);
            long p = k.rcuDereference(gp);
            long v = p == 0 || !fixed ? 0 : k.plainRead(p);
            tree.readUnlock(k);
            if (p != 0 && !fixed) {
                // the reader goes on using p later; here, once the updater's grace period has
                // ended (it sleeps meanwhile: a quiescent state; the flag is read relaxed and
                // orders nothing, as unrelated later code would not)
                while (k.readOnce(gpDone) == 0) {
                    k.scheduleTimeout(1);
                }
                v = k.plainRead(p);
            }
            k.count("reader saw " + v, 1);
        });
        m.spawn(1, "updater", k -> {
            k.plainWrite(obj, 1);
            k.rcuAssignPointer(gp, obj);
            k.smpStoreRelease(ready, 1);
            k.writeOnce(gp, 0);
            tree.synchronizeRcu(k);
            k.writeOnce(gpDone, 1);
            k.plainWrite(obj, 0x6b); // poisoned, as kfree() would under slub_debug
        });
    }

    private static void assertWriter(Simulation m, boolean fixed) {
        long x = m.kernel().alloc(1);
        m.spawn(0, "sole-writer", k -> {
            for (int i = 0; i < 3; i++) {
                k.writeOnce(x, k.readOnce(x) + 1);
                k.assertExclusiveWriter(x);
            }
        });
        m.spawn(1, "other", k -> {
            if (fixed) {
                k.readOnce(x);
            } else {
                k.writeOnce(x, 100);
            }
        });
    }

    private static void assertBits(Simulation m, boolean fixed) {
        long flags = m.kernel().alloc(1);
        m.spawn(0, "bit-owner", k -> {
            for (int i = 0; i < 3; i++) {
                k.assertExclusiveBits(flags, 0x1);
                k.atomicFetchOp(flags, RmwOp.XOR, 0x1, Ordering.RELAXED);
            }
        });
        m.spawn(1, "other-bits", k -> k.atomicOp(flags, fixed ? RmwOp.OR : RmwOp.XOR, fixed ? 0x2 : 0x1));
    }

    private static void assertAccess(Simulation m, boolean fixed) {
        long x = m.kernel().alloc(1);
        long done = m.kernel().alloc(1);
        m.spawn(0, "owner", k -> {
            k.writeOnce(x, 1);
            k.assertExclusiveAccess(x);
            k.smpStoreRelease(done, 1);
        });
        m.spawn(1, "peeker", k -> {
            if (fixed) {
                k.smpCondLoadAcquire(done, v -> v == 1);
            }
            k.readOnce(x);
        });
    }

    private static void completion(Simulation m, boolean fixed) {
        long data = m.kernel().alloc(1);
        rcusim.kernel.Completion done = new rcusim.kernel.Completion("data_ready");
        m.spawn(0, "producer", k -> {
            k.plainWrite(data, 42);
            done.complete(k);
        });
        m.spawn(1, "consumer", k -> {
            if (fixed) {
                done.waitForCompletion(k);
            }
            k.plainRead(data);
        });
    }
}
