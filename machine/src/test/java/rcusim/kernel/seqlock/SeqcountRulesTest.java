package rcusim.kernel.seqlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rcusim.kernel.Kernel;
import rcusim.kernel.Mutex;
import rcusim.kernel.RawSpinlock;
import rcusim.kernel.Simulation;
import rcusim.machine.KernelConfig;
import rcusim.machine.MachineConfig;
import rcusim.machine.Preemption;
import rcusim.machine.RunResult;
import rcusim.machine.SimFailure;
import rcusim.machine.decide.Decider;
import rcusim.machine.decide.OptionKind;
import rcusim.machine.memory.MemoryModel;
import rcusim.machine.strand.StrandFactory;

/** The API's rules: lockdep's writer checks, the preemption rule, the readers' waits and locks. */
class SeqcountRulesTest {
    private static Simulation machine(int cpus) {
        return new Simulation(MachineConfig.of(cpus, MemoryModel.WEAK)
                .withKernel(KernelConfig.kernel().withPreemption(Preemption.FULL)).withStepLimit(1_000_000),
                StrandFactory.best(), false);
    }

    private static Decider random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return o -> r.nextInt(o.size());
    }

    @Test
    void seqcountLocknameWriterMustHoldItsLock() {
        Simulation m = machine(1);
        Kernel k0 = m.kernel();
        RawSpinlock l = RawSpinlock.create(k0, "value_lock");
        Seqcount s = Seqcount.withSpinlock(k0, "value_seq", l, null);
        m.spawn(0, "writer", k -> {
            k.rawSpinLock(l);
            k.writeSeqcountBegin(s);
            k.writeSeqcountEnd(s);
            k.rawSpinUnlock(l);
            k.writeSeqcountBegin(s); // without the lock
        });
        RunResult r = m.run(random(1));
        assertEquals(SimFailure.Kind.LOCKDEP, r.failure().kind(), r::describe);
        String msg = r.failure().getMessage();
        assertTrue(msg.contains("lockdep_assert_held(value_lock)") && msg.contains("does not hold value_lock"), msg);
    }

    @Test
    void bareSeqcountWriterMustRunWithPreemptionDisabled() {
        Simulation m = machine(1);
        Kernel k0 = m.kernel();
        Seqcount s = Seqcount.create(k0, "value_seq", null);
        m.spawn(0, "writer", k -> {
            k.preemptDisable();
            k.writeSeqcountBegin(s);
            k.writeSeqcountEnd(s);
            k.preemptEnable();
            k.writeSeqcountBegin(s);
        });
        RunResult r = m.run(random(1));
        assertEquals(SimFailure.Kind.LOCKDEP, r.failure().kind(), r::describe);
        assertTrue(r.failure().getMessage().contains("lockdep_assert_preemption_disabled() failed"), r::describe);
    }

    @Test
    void mutexSeqcountWriteSectionDisablesPreemptionUnlessTheFaultDropsIt() {
        for (SeqFault fault : new SeqFault[] {null, SeqFault.WRITER_PREEMPTIBLE}) {
            Simulation m = machine(1);
            Kernel k0 = m.kernel();
            Mutex mtx = new Mutex("value_mutex");
            Seqcount s = Seqcount.withMutex(k0, "value_seq", mtx, fault);
            int[] inside = new int[1];
            m.spawn(0, "writer", k -> {
                k.mutexLock(mtx);
                k.writeSeqcountBegin(s);
                inside[0] = k.preemptCount();
                k.writeSeqcountEnd(s);
                assertEquals(0, k.preemptCount());
                k.mutexUnlock(mtx);
            });
            RunResult r = m.run(random(2));
            assertTrue(r.passed(), r::describe);
            assertEquals(fault == null, inside[0] != 0, "preempt_count in the write section: " + inside[0]);
        }
    }

    @Test
    void readersSeeEvenCountsAndRetryWhenTheCountMoved() {
        Simulation m = machine(2);
        Kernel k0 = m.kernel();
        Seqcount s = Seqcount.create(k0, "value_seq", null);
        long[] seen = new long[2];
        m.spawn(0, "reader", k -> {
            long seq = k.readSeqcountBegin(s);
            seen[0] = seq;
            seen[1] = k.readSeqcountRetry(s, seq) ? 1 : 0;
            assertTrue(k.readSeqcountRetry(s, seq + 2), "a count that moved must retry");
        });
        RunResult r = m.run(random(3));
        assertTrue(r.passed(), r::describe);
        assertEquals(0, seen[0] & 1, "read_seqcount_begin() returned an odd count");
        assertEquals(0, seen[1]);
    }

    /** read_seqbegin_or_lock() with an odd seq takes the lock until done_seqretry(). */
    @Test
    void lockedPassOfReadSeqbeginOrLockHoldsTheLock() {
        Simulation m = machine(1);
        Kernel k0 = m.kernel();
        Seqlock sl = Seqlock.create(k0, "value_lock", null);
        m.spawn(0, "reader", k -> {
            long seq = k.readSeqbeginOrLock(sl, 0);
            assertEquals(0, seq & 1);
            assertFalse(k.needSeqretry(sl, seq));
            k.doneSeqretry(sl, seq);
            seq = k.readSeqbeginOrLock(sl, 1);
            k.lockdepAssertHeld(sl.lock());
            assertFalse(k.needSeqretry(sl, seq), "a locked pass never retries");
            k.doneSeqretry(sl, seq);
            k.lockdepAssertNoneHeldOnce();
        });
        RunResult r = m.run(random(4));
        assertTrue(r.passed(), r::describe);
    }

    /**
     * PREEMPT_RT's seqcount_spinlock_t: the writer stays preemptible; a reader on its CPU that
     * finds the count odd sleeps on the writer's lock, so the writer finishes and the reader
     * goes on. Steered to reschedule at every tick, so the writer is preempted mid-section.
     */
    @Test
    void rtReaderTakesThePreemptedWritersLock() {
        long locked = 0;
        for (long seed = 0; seed < 20; seed++) {
            Simulation m = machine(1);
            Kernel k0 = m.kernel();
            Mutex rtLock = new Mutex("value_lock");
            Seqcount s = Seqcount.withRtSpinlock(k0, "value_seq", rtLock, null);
            long data = k0.alloc(2);
            m.spawn(0, "writer", k -> {
                for (int i = 1; i <= 100; i++) {
                    k.mutexLock(rtLock);
                    k.writeSeqcountBegin(s);
                    SeqAccess.dataStore(k, data, i);
                    SeqAccess.dataStore(k, data + 1, i);
                    k.writeSeqcountEnd(s);
                    k.mutexUnlock(rtLock);
                }
            });
            m.spawn(0, "reader", k -> {
                for (int i = 0; i < 100; i++) {
                    long a;
                    long b;
                    long seq;
                    do {
                        seq = k.readSeqcountBegin(s);
                        a = SeqAccess.dataLoad(k, data);
                        b = SeqAccess.dataLoad(k, data + 1);
                    } while (k.readSeqcountRetry(s, seq));
                    assertEquals(a, b);
                }
            });
            SplittableRandom r = new SplittableRandom(seed);
            RunResult res = m.run(o -> {
                for (int i = 0; i < o.size(); i++) {
                    if (o.kind(i) == OptionKind.RESCHED) {
                        return o.size() - 1;
                    }
                }
                return r.nextInt(o.size());
            });
            assertTrue(res.passed(), res::describe);
            locked += m.counters().getOrDefault(Seqcount.READER_LOCKED_ON_ODD, 0L);
        }
        assertTrue(locked > 0, "no reader ever found its writer preempted mid-section");
    }
}
