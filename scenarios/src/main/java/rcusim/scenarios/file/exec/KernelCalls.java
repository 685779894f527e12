package rcusim.scenarios.file.exec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rcusim.kernel.Completion;
import rcusim.kernel.Kernel;
import rcusim.kernel.Mutex;
import rcusim.kernel.RawSpinlock;
import rcusim.kernel.Softirq;
import rcusim.kernel.TimerList;
import rcusim.kernel.WaitQueue;
import rcusim.litmus.ast.Pos;
import rcusim.machine.Ordering;
import rcusim.rcu.RcuHead;
import rcusim.scenarios.file.ast.Expr;
import rcusim.scenarios.file.exec.Code.Ex;
import rcusim.scenarios.file.exec.ExprCompiler.Typed;

/**
 * The kernel API of scenario files: each call compiles to a closure over a {@link Kernel} or
 * {@link rcusim.rcu.TreeRcu} method, its arguments type-checked ({@code spin_lock()} takes a
 * {@code spinlock_t *}, {@code call_rcu()} a {@code struct rcu_head *} and a function of the
 * file). Calls of the file's own functions are here too. {@link #NAMES} lists what exists.
 */
final class KernelCalls {
    /** Named constants: softirq numbers, GFP flags (ignored), true/false. */
    static final Map<String, Long> CONSTANTS = constants();

    /** Every kernel call a file may make, for messages and the docs. */
    static final List<String> NAMES = List.of("READ_ONCE", "WRITE_ONCE", "smp_load_acquire", "smp_store_release",
            "smp_store_mb", "smp_mb", "smp_rmb", "smp_wmb", "barrier", "smp_mb__before_atomic", "smp_mb__after_atomic",
            "smp_mb__after_spinlock", "smp_mb__after_unlock_lock", "xchg", "xchg_relaxed", "xchg_acquire",
            "xchg_release", "cmpxchg", "cmpxchg_relaxed", "cmpxchg_acquire", "cmpxchg_release", "atomic_read",
            "atomic_read_acquire", "atomic_set", "atomic_set_release", "atomic_inc", "atomic_dec", "atomic_add",
            "atomic_sub", "atomic_add_return", "atomic_inc_return", "atomic_dec_return", "atomic_fetch_add",
            "atomic_xchg", "atomic_cmpxchg", "atomic_dec_and_test", "atomic_inc_and_test", "atomic_sub_and_test",
            "atomic_add_unless", "spin_lock", "spin_unlock", "spin_trylock", "spin_lock_irq", "spin_unlock_irq",
            "spin_lock_irqsave", "spin_unlock_irqrestore", "spin_lock_bh", "spin_unlock_bh", "raw_spin_lock",
            "raw_spin_unlock", "raw_spin_trylock", "raw_spin_lock_irq", "raw_spin_unlock_irq", "raw_spin_lock_irqsave",
            "raw_spin_unlock_irqrestore", "mutex_lock", "mutex_unlock", "mutex_trylock", "preempt_disable",
            "preempt_enable", "local_irq_disable", "local_irq_enable", "local_irq_save", "local_irq_restore",
            "local_bh_disable", "local_bh_enable", "cond_resched", "schedule", "yield", "schedule_timeout_interruptible",
            "schedule_timeout_uninterruptible", "complete", "complete_all", "wait_for_completion",
            "wait_for_completion_timeout", "completion_done", "reinit_completion", "wait_event",
            "wait_event_interruptible", "wait_event_timeout", "wake_up", "wake_up_all", "wake_up_one", "mod_timer",
            "add_timer_on", "del_timer", "timer_pending", "open_softirq", "raise_softirq", "smp_call_function_single",
            "cpu_down", "cpu_up", "cpu_online", "num_online_cpus", "smp_processor_id", "raw_smp_processor_id",
            "nr_cpu_ids", "in_interrupt", "in_irq", "in_softirq", "irqs_disabled", "preempt_count", "need_resched",
            "might_sleep", "rcu_read_lock", "rcu_read_unlock", "rcu_read_lock_bh", "rcu_read_unlock_bh",
            "rcu_read_lock_sched", "rcu_read_unlock_sched", "rcu_read_lock_held", "rcu_dereference",
            "rcu_dereference_protected", "rcu_dereference_check", "rcu_access_pointer", "rcu_assign_pointer",
            "RCU_INIT_POINTER", "synchronize_rcu", "synchronize_rcu_expedited", "call_rcu", "kfree_rcu", "rcu_barrier",
            "get_state_synchronize_rcu", "start_poll_synchronize_rcu", "poll_state_synchronize_rcu",
            "cond_synchronize_rcu", "get_completed_synchronize_rcu", "kmalloc", "kzalloc", "kfree", "ptr_eq", "BUG_ON",
            "WARN_ON", "WARN_ON_ONCE", "prandom_u32", "get_random_u32_below", "data_race", "ASSERT_EXCLUSIVE_WRITER",
            "ASSERT_EXCLUSIVE_ACCESS", "ASSERT_EXCLUSIVE_BITS");

    private final ExprCompiler x;
    private final SeqlockCalls seqlocks;

    KernelCalls(ExprCompiler x) {
        this.x = x;
        this.seqlocks = new SeqlockCalls(this, x);
    }

    private static Map<String, Long> constants() {
        Map<String, Long> c = new TreeMap<>();
        c.put("true", 1L);
        c.put("false", 0L);
        c.put("GFP_KERNEL", 0L);
        c.put("GFP_ATOMIC", 0L);
        c.put("GFP_NOWAIT", 0L);
        c.put("HI_SOFTIRQ", (long) Softirq.HI);
        c.put("NET_TX_SOFTIRQ", (long) Softirq.NET_TX);
        c.put("NET_RX_SOFTIRQ", (long) Softirq.NET_RX);
        c.put("BLOCK_SOFTIRQ", (long) Softirq.BLOCK);
        c.put("IRQ_POLL_SOFTIRQ", (long) Softirq.IRQ_POLL);
        c.put("TASKLET_SOFTIRQ", (long) Softirq.TASKLET);
        c.put("SCHED_SOFTIRQ", (long) Softirq.SCHED);
        c.put("HRTIMER_SOFTIRQ", (long) Softirq.HRTIMER);
        return Map.copyOf(c);
    }

    Typed call(Expr.Call c) {
        Function own = x.sym.functions.get(c.function());
        if (own != null) {
            return userCall(c, own);
        }
        List<Expr> a = c.args();
        String name = c.function();
        return switch (name) {
            // ------------------------------------------------ LKMM accesses and barriers
            case "READ_ONCE" -> {
                Ex ad = lvalue(c, 1, 0);
                yield typed(f -> f.k.readOnce(ad.eval(f)), lvalueType(a.get(0)));
            }
            case "WRITE_ONCE" -> {
                Ex ad = lvalue(c, 2, 0);
                Ex v = val(a.get(1));
                yield stmt(f -> f.k.writeOnce(ad.eval(f), v.eval(f)));
            }
            case "smp_load_acquire" -> {
                Ex ad = pointer(c, 1, 0, null);
                yield typed(f -> f.k.smpLoadAcquire(ad.eval(f)), pointee(a.get(0)));
            }
            case "smp_store_release" -> {
                Ex ad = pointer(c, 2, 0, null);
                Ex v = val(a.get(1));
                yield stmt(f -> f.k.smpStoreRelease(ad.eval(f), v.eval(f)));
            }
            case "smp_store_mb" -> {
                Ex ad = lvalue(c, 2, 0);
                Ex v = val(a.get(1));
                yield stmt(f -> f.k.smpStoreMb(ad.eval(f), v.eval(f)));
            }
            case "smp_mb" -> none(c, f -> f.k.smpMb());
            case "smp_rmb" -> none(c, f -> f.k.smpRmb());
            case "smp_wmb" -> none(c, f -> f.k.smpWmb());
            case "barrier" -> none(c, f -> f.k.barrier());
            case "smp_mb__before_atomic" -> none(c, f -> f.k.smpMbBeforeAtomic());
            case "smp_mb__after_atomic" -> none(c, f -> f.k.smpMbAfterAtomic());
            case "smp_mb__after_spinlock" -> none(c, f -> f.k.smpMbAfterSpinlock());
            case "smp_mb__after_unlock_lock" -> none(c, f -> f.k.smpMbAfterUnlockLock());
            case "xchg", "xchg_relaxed", "xchg_acquire", "xchg_release" -> {
                Ex ad = pointer(c, 2, 0, null);
                Ex v = val(a.get(1));
                Ordering o = ordering(name);
                yield typed(f -> f.k.xchg(ad.eval(f), v.eval(f), o), pointee(a.get(0)));
            }
            case "cmpxchg", "cmpxchg_relaxed", "cmpxchg_acquire", "cmpxchg_release" -> {
                Ex ad = pointer(c, 3, 0, null);
                Ex o1 = val(a.get(1));
                Ex n = val(a.get(2));
                Ordering o = ordering(name);
                yield typed(f -> f.k.cmpxchg(ad.eval(f), o1.eval(f), n.eval(f), o), pointee(a.get(0)));
            }
            // ------------------------------------------------ atomics (atomic_t * or int *)
            case "atomic_read" -> {
                Ex ad = atomic(c, 1, 0);
                yield typed(f -> f.k.atomicRead(ad.eval(f)));
            }
            case "atomic_read_acquire" -> {
                Ex ad = atomic(c, 1, 0);
                yield typed(f -> f.k.atomicReadAcquire(ad.eval(f)));
            }
            case "atomic_set" -> {
                Ex ad = atomic(c, 2, 0);
                Ex v = val(a.get(1));
                yield stmt(f -> f.k.atomicSet(ad.eval(f), v.eval(f)));
            }
            case "atomic_set_release" -> {
                Ex ad = atomic(c, 2, 0);
                Ex v = val(a.get(1));
                yield stmt(f -> f.k.atomicSetRelease(ad.eval(f), v.eval(f)));
            }
            case "atomic_inc" -> {
                Ex ad = atomic(c, 1, 0);
                yield stmt(f -> f.k.atomicInc(ad.eval(f)));
            }
            case "atomic_dec" -> {
                Ex ad = atomic(c, 1, 0);
                yield stmt(f -> f.k.atomicDec(ad.eval(f)));
            }
            case "atomic_add", "atomic_sub" -> {
                Ex ad = atomic(c, 2, 1);
                Ex v = val(a.get(0));
                yield name.equals("atomic_add") ? stmt(f -> f.k.atomicAdd(ad.eval(f), v.eval(f)))
                        : stmt(f -> f.k.atomicSub(ad.eval(f), v.eval(f)));
            }
            case "atomic_add_return" -> {
                Ex ad = atomic(c, 2, 1);
                Ex v = val(a.get(0));
                yield typed(f -> f.k.atomicAddReturn(ad.eval(f), v.eval(f)));
            }
            case "atomic_fetch_add" -> {
                Ex ad = atomic(c, 2, 1);
                Ex v = val(a.get(0));
                yield typed(f -> f.k.atomicAddReturn(ad.eval(f), v.eval(f)) - v.eval(f));
            }
            case "atomic_inc_return", "atomic_dec_return" -> {
                Ex ad = atomic(c, 1, 0);
                long d = name.equals("atomic_inc_return") ? 1 : -1;
                yield typed(f -> f.k.atomicAddReturn(ad.eval(f), d));
            }
            case "atomic_xchg" -> {
                Ex ad = atomic(c, 2, 0);
                Ex v = val(a.get(1));
                yield typed(f -> f.k.atomicXchg(ad.eval(f), v.eval(f), Ordering.FULL));
            }
            case "atomic_cmpxchg" -> {
                Ex ad = atomic(c, 3, 0);
                Ex o1 = val(a.get(1));
                Ex n = val(a.get(2));
                yield typed(f -> f.k.atomicCmpxchg(ad.eval(f), o1.eval(f), n.eval(f), Ordering.FULL));
            }
            case "atomic_dec_and_test", "atomic_inc_and_test" -> {
                Ex ad = atomic(c, 1, 0);
                yield name.equals("atomic_dec_and_test") ? typed(f -> f.k.atomicDecAndTest(ad.eval(f)) ? 1 : 0)
                        : typed(f -> f.k.atomicIncAndTest(ad.eval(f)) ? 1 : 0);
            }
            case "atomic_sub_and_test" -> {
                Ex ad = atomic(c, 2, 1);
                Ex v = val(a.get(0));
                yield typed(f -> f.k.atomicSubAndTest(ad.eval(f), v.eval(f)) ? 1 : 0);
            }
            case "atomic_add_unless" -> {
                Ex ad = atomic(c, 3, 0);
                Ex v = val(a.get(1));
                Ex u = val(a.get(2));
                yield typed(f -> f.k.atomicAddUnless(ad.eval(f), v.eval(f), u.eval(f)) ? 1 : 0);
            }
            // ------------------------------------------------ spinlocks (a word of memory)
            case "spin_lock" -> {
                Ex l = pointer(c, 1, 0, "spinlock_t");
                yield stmt(f -> f.k.spinLock(l.eval(f)));
            }
            case "spin_unlock" -> {
                Ex l = pointer(c, 1, 0, "spinlock_t");
                yield stmt(f -> f.k.spinUnlock(l.eval(f)));
            }
            case "spin_trylock" -> {
                Ex l = pointer(c, 1, 0, "spinlock_t");
                yield typed(f -> f.k.spinTrylock(l.eval(f)) ? 1 : 0);
            }
            case "spin_lock_irq" -> {
                Ex l = pointer(c, 1, 0, "spinlock_t");
                yield stmt(f -> {
                    f.k.localIrqDisable();
                    f.k.spinLock(l.eval(f));
                });
            }
            case "spin_unlock_irq" -> {
                Ex l = pointer(c, 1, 0, "spinlock_t");
                yield stmt(f -> {
                    f.k.spinUnlock(l.eval(f));
                    f.k.localIrqEnable();
                });
            }
            case "spin_lock_irqsave" -> {
                Ex l = pointer(c, 2, 0, "spinlock_t");
                Code.Place flags = local(c, 1);
                yield stmt(f -> {
                    flags.store(f, f.k.localIrqSave());
                    f.k.spinLock(l.eval(f));
                });
            }
            case "spin_unlock_irqrestore" -> {
                Ex l = pointer(c, 2, 0, "spinlock_t");
                Ex flags = val(a.get(1));
                yield stmt(f -> {
                    f.k.spinUnlock(l.eval(f));
                    f.k.localIrqRestore(flags.eval(f));
                });
            }
            case "spin_lock_bh" -> {
                Ex l = pointer(c, 1, 0, "spinlock_t");
                yield stmt(f -> {
                    f.k.localBhDisable();
                    f.k.spinLock(l.eval(f));
                });
            }
            case "spin_unlock_bh" -> {
                Ex l = pointer(c, 1, 0, "spinlock_t");
                yield stmt(f -> {
                    f.k.spinUnlock(l.eval(f));
                    f.k.localBhEnable();
                });
            }
            // ------------------------------------------------ raw spinlocks and mutexes (kernel objects)
            case "raw_spin_lock" -> {
                Ex l = pointer(c, 1, 0, "raw_spinlock_t");
                yield stmt(f -> f.k.rawSpinLock(raw(f, l)));
            }
            case "raw_spin_unlock" -> {
                Ex l = pointer(c, 1, 0, "raw_spinlock_t");
                yield stmt(f -> f.k.rawSpinUnlock(raw(f, l)));
            }
            case "raw_spin_trylock" -> {
                Ex l = pointer(c, 1, 0, "raw_spinlock_t");
                yield typed(f -> f.k.rawSpinTrylock(raw(f, l)) ? 1 : 0);
            }
            case "raw_spin_lock_irq" -> {
                Ex l = pointer(c, 1, 0, "raw_spinlock_t");
                yield stmt(f -> f.k.rawSpinLockIrq(raw(f, l)));
            }
            case "raw_spin_unlock_irq" -> {
                Ex l = pointer(c, 1, 0, "raw_spinlock_t");
                yield stmt(f -> f.k.rawSpinUnlockIrq(raw(f, l)));
            }
            case "raw_spin_lock_irqsave" -> {
                Ex l = pointer(c, 2, 0, "raw_spinlock_t");
                Code.Place flags = local(c, 1);
                yield stmt(f -> flags.store(f, f.k.rawSpinLockIrqsave(raw(f, l))));
            }
            case "raw_spin_unlock_irqrestore" -> {
                Ex l = pointer(c, 2, 0, "raw_spinlock_t");
                Ex flags = val(a.get(1));
                yield stmt(f -> f.k.rawSpinUnlockIrqrestore(raw(f, l), flags.eval(f)));
            }
            case "mutex_lock" -> {
                Ex l = pointer(c, 1, 0, "struct mutex");
                yield stmt(f -> f.k.mutexLock((Mutex) obj(f, l)));
            }
            case "mutex_unlock" -> {
                Ex l = pointer(c, 1, 0, "struct mutex");
                yield stmt(f -> f.k.mutexUnlock((Mutex) obj(f, l)));
            }
            case "mutex_trylock" -> {
                Ex l = pointer(c, 1, 0, "struct mutex");
                yield typed(f -> f.k.mutexTrylock((Mutex) obj(f, l)) ? 1 : 0);
            }
            // ------------------------------------------------ preemption, irqs, bh, scheduling
            case "preempt_disable" -> none(c, f -> f.k.preemptDisable());
            case "preempt_enable" -> none(c, f -> f.k.preemptEnable());
            case "local_irq_disable" -> none(c, f -> f.k.localIrqDisable());
            case "local_irq_enable" -> none(c, f -> f.k.localIrqEnable());
            case "local_irq_save" -> {
                Code.Place flags = local(c, 0, 1);
                yield stmt(f -> flags.store(f, f.k.localIrqSave()));
            }
            case "local_irq_restore" -> {
                arity(c, 1);
                Ex flags = val(a.get(0));
                yield stmt(f -> f.k.localIrqRestore(flags.eval(f)));
            }
            case "local_bh_disable" -> none(c, f -> f.k.localBhDisable());
            case "local_bh_enable" -> none(c, f -> f.k.localBhEnable());
            case "cond_resched" -> none(c, f -> f.k.condResched());
            case "schedule" -> none(c, f -> f.k.schedule());
            case "yield" -> none(c, f -> f.k.yield());
            case "schedule_timeout_interruptible" -> {
                arity(c, 1);
                Ex t = val(a.get(0));
                yield typed(f -> f.k.scheduleTimeoutInterruptible(t.eval(f)));
            }
            case "schedule_timeout_uninterruptible" -> {
                arity(c, 1);
                Ex t = val(a.get(0));
                yield typed(f -> f.k.scheduleTimeout(t.eval(f)));
            }
            case "might_sleep" -> none(c, f -> f.k.mightSleep("might_sleep"));
            case "in_interrupt" -> value0(c, f -> f.k.inInterrupt() ? 1 : 0);
            case "in_irq" -> value0(c, f -> f.k.inIrq() ? 1 : 0);
            case "in_softirq" -> value0(c, f -> f.k.inSoftirq() ? 1 : 0);
            case "irqs_disabled" -> value0(c, f -> f.k.irqsDisabled() ? 1 : 0);
            case "preempt_count" -> value0(c, f -> f.k.preemptCount());
            case "need_resched" -> value0(c, f -> f.k.needResched() ? 1 : 0);
            // ------------------------------------------------ completions and wait queues
            case "complete" -> {
                Ex o = pointer(c, 1, 0, "struct completion");
                yield stmt(f -> ((Completion) obj(f, o)).complete(f.k));
            }
            case "complete_all" -> {
                Ex o = pointer(c, 1, 0, "struct completion");
                yield stmt(f -> ((Completion) obj(f, o)).completeAll(f.k));
            }
            case "wait_for_completion" -> {
                Ex o = pointer(c, 1, 0, "struct completion");
                yield stmt(f -> ((Completion) obj(f, o)).waitForCompletion(f.k));
            }
            case "wait_for_completion_timeout" -> {
                Ex o = pointer(c, 2, 0, "struct completion");
                Ex t = val(a.get(1));
                yield typed(f -> ((Completion) obj(f, o)).waitForCompletionTimeout(f.k, t.eval(f)));
            }
            case "completion_done" -> {
                Ex o = pointer(c, 1, 0, "struct completion");
                yield typed(f -> ((Completion) obj(f, o)).completionDone(f.k) ? 1 : 0);
            }
            case "reinit_completion" -> {
                Ex o = pointer(c, 1, 0, "struct completion");
                yield stmt(f -> ((Completion) obj(f, o)).reinit(f.k));
            }
            case "wait_event", "wait_event_interruptible" -> {
                Ex o = object(c, 2, 0, "wait_queue_head_t");
                Ex cond = x.condition(a.get(1));
                boolean intr = name.endsWith("interruptible");
                yield stmt(f -> {
                    WaitQueue w = (WaitQueue) obj(f, o);
                    if (intr) {
                        w.waitEventInterruptible(f.k, () -> cond.eval(f) != 0);
                    } else {
                        w.waitEvent(f.k, () -> cond.eval(f) != 0);
                    }
                });
            }
            case "wait_event_timeout" -> {
                Ex o = object(c, 3, 0, "wait_queue_head_t");
                Ex cond = x.condition(a.get(1));
                Ex t = val(a.get(2));
                yield typed(f -> ((WaitQueue) obj(f, o)).waitEventTimeout(f.k, () -> cond.eval(f) != 0, t.eval(f)));
            }
            case "wake_up", "wake_up_all" -> {
                Ex o = pointer(c, 1, 0, "wait_queue_head_t");
                yield stmt(f -> ((WaitQueue) obj(f, o)).wakeUp(f.k));
            }
            case "wake_up_one" -> {
                Ex o = pointer(c, 1, 0, "wait_queue_head_t");
                yield stmt(f -> ((WaitQueue) obj(f, o)).wakeUpOne(f.k));
            }
            // ------------------------------------------------ timers, softirqs, IPIs
            case "mod_timer" -> {
                Ex t = pointer(c, 2, 0, "struct timer_list");
                Ex e = val(a.get(1));
                yield stmt(f -> f.k.modTimer((TimerList) obj(f, t), e.eval(f)));
            }
            case "add_timer_on" -> {
                Ex t = pointer(c, 3, 0, "struct timer_list");
                Ex e = val(a.get(1));
                Ex cpu = val(a.get(2));
                yield stmt(f -> f.k.addTimerOn((TimerList) obj(f, t), e.eval(f), (int) cpu.eval(f)));
            }
            case "del_timer" -> {
                Ex t = pointer(c, 1, 0, "struct timer_list");
                yield typed(f -> f.k.delTimer((TimerList) obj(f, t)) ? 1 : 0);
            }
            case "timer_pending" -> {
                Ex t = pointer(c, 1, 0, "struct timer_list");
                yield typed(f -> ((TimerList) obj(f, t)).isPending() ? 1 : 0);
            }
            case "open_softirq" -> {
                arity(c, 2);
                long nr = constantArg(a.get(0), "open_softirq()'s softirq number");
                if (nr < 0 || nr >= Softirq.NR || nr == Softirq.TIMER || nr == Softirq.RCU) {
                    throw x.error(a.get(0).pos(), "softirq " + nr + " is not free for a file (TIMER_SOFTIRQ and"
                            + " RCU_SOFTIRQ are the kernel's); use HI_SOFTIRQ, TASKLET_SOFTIRQ, ...");
                }
                Function fn = function(a.get(1), 1);
                int n = (int) nr;
                yield stmt(f -> {
                    RunState rs = f.rs;
                    int task = f.task;
                    f.k.openSoftirq(n, kk -> fn.invoke1(rs, kk, task, n));
                });
            }
            case "raise_softirq" -> {
                arity(c, 1);
                Ex nr = val(a.get(0));
                yield stmt(f -> f.k.raiseSoftirq((int) nr.eval(f)));
            }
            case "smp_call_function_single" -> {
                arity(c, 4);
                Ex cpu = val(a.get(0));
                Function fn = function(a.get(1), 1);
                Ex info = val(a.get(2));
                Ex wait = val(a.get(3));
                yield typed(f -> {
                    RunState rs = f.rs;
                    int task = f.task;
                    long i = info.eval(f);
                    return f.k.smpCallFunctionSingle(checkedCpu(f, cpu.eval(f), c.pos()),
                            kk -> fn.invoke1(rs, kk, task, i), wait.eval(f) != 0);
                });
            }
            // ------------------------------------------------ CPUs and hotplug
            case "cpu_down" -> {
                arity(c, 1);
                Ex cpu = val(a.get(0));
                yield stmt(f -> f.k.cpuDown(checkedCpu(f, cpu.eval(f), c.pos())));
            }
            case "cpu_up" -> {
                arity(c, 1);
                Ex cpu = val(a.get(0));
                yield stmt(f -> f.k.cpuUp(checkedCpu(f, cpu.eval(f), c.pos())));
            }
            case "cpu_online" -> {
                arity(c, 1);
                Ex cpu = val(a.get(0));
                yield typed(f -> f.k.cpuOnline(checkedCpu(f, cpu.eval(f), c.pos())) ? 1 : 0);
            }
            case "num_online_cpus" -> value0(c, f -> f.k.numOnlineCpus());
            case "smp_processor_id", "raw_smp_processor_id" -> value0(c, f -> f.k.smpProcessorId());
            case "nr_cpu_ids" -> value0(c, f -> f.k.nrCpus());
            // ------------------------------------------------ RCU
            case "rcu_read_lock" -> none(c, f -> f.rs.rcu.readLock(f.k));
            case "rcu_read_unlock" -> none(c, f -> f.rs.rcu.readUnlock(f.k));
            // consolidated RCU: a bh reader is a bh-disabled region, a sched reader a preempt-disabled one
            case "rcu_read_lock_bh" -> none(c, f -> f.k.localBhDisable());
            case "rcu_read_unlock_bh" -> none(c, f -> f.k.localBhEnable());
            case "rcu_read_lock_sched" -> none(c, f -> f.k.preemptDisable());
            case "rcu_read_unlock_sched" -> none(c, f -> f.k.preemptEnable());
            case "rcu_read_lock_held" -> value0(c, f -> f.rs.rcu.readLockHeld(f.k) ? 1 : 0);
            case "rcu_dereference", "rcu_dereference_check", "rcu_dereference_protected" -> {
                if (a.isEmpty() || a.size() > 2 || (a.size() == 2) == name.equals("rcu_dereference")) {
                    throw x.error(c.pos(), name + "() takes " + (name.equals("rcu_dereference") ? "1 argument"
                            : "2 arguments (the pointer and a condition)") + ", got " + a.size());
                }
                Ex ad = lvalueOf(a.get(0), name);
                if (a.size() == 2) {
                    x.condition(a.get(1)); // checked for names and types; lockdep conditions are not evaluated
                }
                yield name.equals("rcu_dereference_protected") ? typed(f -> f.k.readOnce(ad.eval(f)), lvalueType(a.get(0)))
                        : typed(f -> f.k.rcuDereference(ad.eval(f)), lvalueType(a.get(0)));
            }
            case "rcu_access_pointer" -> {
                Ex ad = lvalue(c, 1, 0);
                yield typed(f -> f.k.readOnce(ad.eval(f)), lvalueType(a.get(0)));
            }
            case "rcu_assign_pointer" -> {
                Ex ad = lvalue(c, 2, 0);
                Typed v = x.value(a.get(1));
                CType t = lvalueType(a.get(0));
                if (!t.accepts(v.type())) {
                    throw x.error(a.get(1).pos(), "rcu_assign_pointer() of a " + v.type() + " to a " + t);
                }
                Ex vx = v.ex();
                yield stmt(f -> f.k.rcuAssignPointer(ad.eval(f), vx.eval(f)));
            }
            case "RCU_INIT_POINTER" -> {
                Ex ad = lvalue(c, 2, 0);
                Ex v = val(a.get(1));
                yield stmt(f -> f.k.writeOnce(ad.eval(f), v.eval(f)));
            }
            case "synchronize_rcu" -> none(c, f -> f.rs.rcu.synchronizeRcu(f.k));
            case "synchronize_rcu_expedited" -> none(c, f -> f.rs.rcu.synchronizeRcuExpedited(f.k));
            case "rcu_barrier" -> none(c, f -> f.rs.rcu.rcuBarrier(f.k));
            case "call_rcu" -> {
                Ex head = pointer(c, 2, 0, "struct rcu_head");
                Function fn = function(a.get(1), 1);
                String label = fn.name;
                yield stmt(f -> {
                    long h = head.eval(f);
                    RunState rs = f.rs;
                    int task = f.task;
                    RcuHead rh = rs.head(h, label);
                    rs.rcu.callRcu(f.k, rh, kk -> fn.invoke1(rs, kk, task, h));
                });
            }
            case "kfree_rcu" -> {
                arity(c, 2);
                Typed p = x.value(a.get(0));
                if (!p.type().isPointer() || !p.type().pointee().isStruct()) {
                    throw x.error(a.get(0).pos(), "kfree_rcu() needs a pointer to a struct, got " + p.type());
                }
                if (!(a.get(1) instanceof Expr.Name field)) {
                    throw x.error(a.get(1).pos(), "kfree_rcu()'s second argument is the name of the rcu_head field");
                }
                Symbols.FieldInfo fi = x.field(p.type().pointee(), field.name(), field.pos());
                if (!fi.type().equals(new CType("struct rcu_head", 0))) {
                    throw x.error(field.pos(), "field " + field.name() + " is a " + fi.type() + ", not a struct rcu_head");
                }
                int off = fi.offset();
                Ex px = p.ex();
                yield stmt(f -> {
                    long obj = px.eval(f);
                    RcuHead rh = f.rs.head(obj + off, "kfree_rcu");
                    f.rs.rcu.callRcu(f.k, rh, kk -> kk.free(obj));
                });
            }
            case "get_state_synchronize_rcu" -> value0(c, f -> f.rs.rcu.getStateSynchronizeRcu(f.k));
            case "start_poll_synchronize_rcu" -> value0(c, f -> f.rs.rcu.startPollSynchronizeRcu(f.k));
            case "get_completed_synchronize_rcu" -> value0(c, f -> f.rs.rcu.getCompletedSynchronizeRcu());
            case "poll_state_synchronize_rcu" -> {
                arity(c, 1);
                Ex cookie = val(a.get(0));
                yield typed(f -> f.rs.rcu.pollStateSynchronizeRcu(f.k, cookie.eval(f)) ? 1 : 0);
            }
            case "cond_synchronize_rcu" -> {
                arity(c, 1);
                Ex cookie = val(a.get(0));
                yield stmt(f -> f.rs.rcu.condSynchronizeRcu(f.k, cookie.eval(f)));
            }
            // ------------------------------------------------ memory
            case "kmalloc", "kzalloc" -> {
                if (a.isEmpty() || a.size() > 2) {
                    throw x.error(c.pos(), name + "() takes the size (in words: sizeof(struct foo)) and optionally"
                            + " GFP flags, got " + a.size() + " arguments");
                }
                Ex size = val(a.get(0));
                yield new Typed(f -> {
                    long n = size.eval(f);
                    if (n < 1 || n > 1 << 20) {
                        throw new rcusim.machine.SimFailure(rcusim.machine.SimFailure.Kind.BUG,
                                name + "(" + n + ") at " + x.sym.file + ":" + c.pos() + ": a size from 1 to 2^20 words");
                    }
                    return f.k.alloc((int) n);
                }, new CType("void", 1));
            }
            case "kfree" -> {
                arity(c, 1);
                Typed p = x.value(a.get(0));
                if (!p.type().isPointer()) {
                    throw x.error(a.get(0).pos(), "kfree() needs a pointer, got " + p.type());
                }
                Ex px = p.ex();
                yield stmt(f -> {
                    long v = px.eval(f);
                    if (v != 0) {
                        f.k.free(v);
                    }
                });
            }
            case "ptr_eq" -> {
                // a == b on two pointers, judged by the zombie-pointer detector under alloc_reuse = lifo
                arity(c, 2);
                Typed l = x.value(a.get(0));
                Typed r = x.value(a.get(1));
                if (!l.type().isPointer() || !r.type().isPointer()) {
                    throw x.error(c.pos(), "ptr_eq() compares two pointers, got " + l.type() + " and " + r.type());
                }
                Ex lx = l.ex();
                Ex rx = r.ex();
                yield typed(f -> f.k.ptrEq(lx.eval(f), rx.eval(f)) ? 1 : 0);
            }
            // ------------------------------------------------ checks
            // ------------------------------------------------ KCSAN annotations
            case "data_race" -> {
                arity(c, 1);
                Typed inner = x.valueOrVoid(a.get(0));
                Ex e = inner.ex();
                yield new Typed(f -> f.k.dataRace(() -> e.eval(f)), inner.type());
            }
            case "ASSERT_EXCLUSIVE_WRITER" -> {
                Ex ad = lvalue(c, 1, 0);
                yield stmt(f -> f.k.assertExclusiveWriter(ad.eval(f)));
            }
            case "ASSERT_EXCLUSIVE_ACCESS" -> {
                Ex ad = lvalue(c, 1, 0);
                yield stmt(f -> f.k.assertExclusiveAccess(ad.eval(f)));
            }
            case "ASSERT_EXCLUSIVE_BITS" -> {
                Ex ad = lvalue(c, 2, 0);
                Ex mask = val(a.get(1));
                yield stmt(f -> f.k.assertExclusiveBits(ad.eval(f), mask.eval(f)));
            }
            case "BUG_ON" -> {
                arity(c, 1);
                Ex cond = x.condition(a.get(0));
                String what = "BUG_ON at " + x.sym.file + ":" + c.pos();
                yield stmt(f -> f.k.bugOn(cond.eval(f) != 0, what));
            }
            case "WARN_ON", "WARN_ON_ONCE" -> {
                arity(c, 1);
                Ex cond = x.condition(a.get(0));
                String what = name + " at " + x.sym.file + ":" + c.pos();
                boolean once = name.endsWith("ONCE");
                yield typed(f -> (once ? f.k.warnOnOnce(cond.eval(f) != 0, what) : f.k.warnOn(cond.eval(f) != 0, what))
                        ? 1 : 0);
            }
            // ------------------------------------------------ the run's own pseudo-random choices
            case "prandom_u32" -> value0(c, f -> f.rs.random[f.task].nextInt() & 0xffffffffL);
            case "get_random_u32_below" -> {
                arity(c, 1);
                Ex n = val(a.get(0));
                yield typed(f -> {
                    long bound = n.eval(f);
                    return bound <= 0 ? 0 : f.rs.random[f.task].nextLong(bound);
                });
            }
            default -> {
                if (SeqlockCalls.NAMES.contains(name)) {
                    yield seqlocks.call(c);
                }
                throw x.error(c.pos(), "unknown function '" + name + "': not a function of this file nor a"
                        + " kernel call rcusim has (see docs/scenario-files.md)");
            }
        };
    }

    private Typed userCall(Expr.Call c, Function fn) {
        if (c.args().size() != fn.params.size()) {
            throw x.error(c.pos(), fn.name + "() takes " + fn.params.size() + " arguments, got " + c.args().size());
        }
        Ex[] args = new Ex[fn.params.size()];
        for (int i = 0; i < args.length; i++) {
            Typed t = x.value(c.args().get(i));
            if (!fn.params.get(i).accepts(t.type())) {
                throw x.error(c.args().get(i).pos(), "argument " + (i + 1) + " of " + fn.name + "() is a "
                        + fn.params.get(i) + ", got a " + t.type());
            }
            args[i] = t.ex();
        }
        return new Typed(f -> {
            Frame callee = new Frame(f.rs, f.k, fn.locals, f.task);
            for (int i = 0; i < args.length; i++) {
                callee.locals[i] = args[i].eval(f);
            }
            fn.body.exec(callee);
            return callee.ret;
        }, fn.returnType.pointers() == 0 && fn.returnType.base().equals("void") ? CType.VOID : fn.returnType);
    }

    // ---------------------------------------------------------------- argument helpers

    static Typed typed(Ex e) {
        return new Typed(e, CType.INT);
    }

    private static Typed typed(Ex e, CType t) {
        return new Typed(e, t);
    }

    /** A call used as a statement: its value is 0 and its type void. */
    interface Action {
        void run(Frame f);
    }

    static Typed stmt(Action a) {
        return new Typed(f -> {
            a.run(f);
            return 0;
        }, CType.VOID);
    }

    private Typed none(Expr.Call c, Action a) {
        arity(c, 0);
        return stmt(a);
    }

    private Typed value0(Expr.Call c, Ex e) {
        arity(c, 0);
        return typed(e);
    }

    void arity(Expr.Call c, int n) {
        if (c.args().size() != n) {
            throw x.error(c.pos(), c.function() + "() takes " + n + " argument" + (n == 1 ? "" : "s") + ", got "
                    + c.args().size());
        }
    }

    Ex val(Expr e) {
        return x.value(e).ex();
    }

    private static Ordering ordering(String name) {
        return name.endsWith("_relaxed") ? Ordering.RELAXED : name.endsWith("_acquire") ? Ordering.ACQUIRE
                : name.endsWith("_release") ? Ordering.RELEASE : Ordering.FULL;
    }

    /** Argument i, a memory lvalue (READ_ONCE(x), rcu_dereference(gp)): its address. */
    private Ex lvalue(Expr.Call c, int n, int i) {
        arity(c, n);
        return lvalueOf(c.args().get(i), c.function());
    }

    private Ex lvalueOf(Expr e, String fn) {
        ExprCompiler.PlaceT p = x.place(e);
        if (p.addr() == null) {
            throw x.error(e.pos(), fn + "() of local " + ExprCompiler.describe(e) + ", which is a register, not"
                    + " memory: make it a global to share it");
        }
        if (p.arrayLength() > 0 || p.type().isStruct()) {
            throw x.error(e.pos(), fn + "() of " + ExprCompiler.describe(e) + ", a " + p.type() + (p.arrayLength() > 0
                    ? " array" : "") + ": it takes one word (an int or a pointer)");
        }
        return p.addr();
    }

    private CType lvalueType(Expr e) {
        return x.place(e).type();
    }

    private CType pointee(Expr e) {
        return x.value(e).type().pointee();
    }

    /**
     * Argument i, a pointer (to base when base is given, else to any one-word value): a
     * memory address, or a kernel object's handle.
     */
    Ex pointer(Expr.Call c, int n, int i, String base) {
        arity(c, n);
        Expr e = c.args().get(i);
        Typed t = x.value(e);
        boolean ok = t.type().isPointer() && (base == null ? t.type().pointers() > 1 || t.type().base().equals("int")
                || t.type().base().equals("atomic_t") : t.type().pointers() == 1 && t.type().base().equals(base));
        if (!ok) {
            throw x.error(e.pos(), c.function() + "() takes " + (base == null ? "a pointer to an int or a pointer"
                    : "a " + base + " *") + " as argument " + (i + 1) + ", got " + t.type());
        }
        return t.ex();
    }

    /** wait_event(wq, cond) names the queue itself, not its address. */
    private Ex object(Expr.Call c, int n, int i, String base) {
        arity(c, n);
        Expr e = c.args().get(i);
        if (e instanceof Expr.Name nm && x.sym.globals.containsKey(nm.name())) {
            Symbols.Global g = x.sym.globals.get(nm.name());
            if (g.type().equals(new CType(base, 0))) {
                int h = g.handle();
                return f -> h;
            }
            throw x.error(e.pos(), c.function() + "() takes a " + base + " as argument " + (i + 1) + ", "
                    + nm.name() + " is a " + g.type());
        }
        throw x.error(e.pos(), c.function() + "() takes a global " + base + " (by name) as argument " + (i + 1));
    }

    /** atomic_*(): an atomic_t * (or an int *, as the litmus tests write them). */
    private Ex atomic(Expr.Call c, int n, int i) {
        arity(c, n);
        Expr e = c.args().get(i);
        Typed t = x.value(e);
        if (!(t.type().pointers() == 1 && (t.type().base().equals("atomic_t") || t.type().base().equals("int")))) {
            throw x.error(e.pos(), c.function() + "() takes an atomic_t * as argument " + (i + 1) + ", got " + t.type());
        }
        return t.ex();
    }

    /** flags of spin_lock_irqsave(l, flags): a local or global int to store into. */
    Code.Place local(Expr.Call c, int i) {
        return x.place(c.args().get(i)).place();
    }

    private Code.Place local(Expr.Call c, int n, int i) {
        arity(c, n);
        return local(c, i);
    }

    private Function function(Expr e, int maxParams) {
        Expr target = e instanceof Expr.Unary u && u.op().equals("&") ? u.operand() : e;
        if (!(target instanceof Expr.Name n) || !x.sym.functions.containsKey(n.name())) {
            throw x.error(e.pos(), "expected a function of this file, found " + ExprCompiler.describe(e));
        }
        Function fn = x.sym.functions.get(n.name());
        if (fn.params.size() > maxParams) {
            throw x.error(e.pos(), "function " + fn.name + " takes " + fn.params.size() + " parameters; a callback here"
                    + " takes at most " + maxParams);
        }
        return fn;
    }

    private long constantArg(Expr e, String what) {
        if (e instanceof Expr.Num n) {
            return n.value();
        }
        if (e instanceof Expr.Name n && CONSTANTS.containsKey(n.name())) {
            return CONSTANTS.get(n.name());
        }
        throw x.error(e.pos(), what + " must be a constant");
    }

    private static Object obj(Frame f, Ex handle) {
        return f.rs.objects[(int) handle.eval(f)];
    }

    private static RawSpinlock raw(Frame f, Ex handle) {
        return (RawSpinlock) f.rs.objects[(int) handle.eval(f)];
    }

    private int checkedCpu(Frame f, long cpu, Pos pos) {
        if (cpu < 0 || cpu >= f.k.nrCpus()) {
            throw new rcusim.machine.SimFailure(rcusim.machine.SimFailure.Kind.BAD_CPU, "CPU " + cpu + " at "
                    + x.sym.file + ":" + pos + ": the machine has CPUs 0-" + (f.k.nrCpus() - 1));
        }
        return (int) cpu;
    }
}
