package rcusim.scenarios.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rcusim.machine.SimFailure;
import rcusim.sched.scenario.ScenarioRun;

/**
 * The language's meaning, checked by running small files on the real machine, kernel and Tree
 * RCU: each program BUG_ON()s unless it computed what C says, and each check is also shown
 * to fail when the program is wrong.
 */
class ScenarioLanguageTest {
    private static final String HEADER = "machine { cpus = 2; stall_timeout = 500; }\n";

    private static ScenarioRun run(String body, long seed) {
        return ScenarioRun.run(ScenarioFiles.compile("t", "t.scn", HEADER + body), seed, false);
    }

    private static void passes(String body) {
        ScenarioRun r = run(body, 1);
        assertTrue(r.passed(), () -> r.result().describe());
    }

    private static SimFailure fails(String body) {
        ScenarioRun r = run(body, 1);
        assertFalse(r.passed(), "the run should fail");
        return r.result().failure();
    }

    @Test
    void arithmeticControlFlowAndFunctionsAreC() {
        String prog = """
                int fib(int n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }
                int total;
                task t cpu 0 {
                    int s = 0;
                    for (int i = 0; i < 10; i++) { if (i % 2) continue; s += i; }
                    int j = 0;
                    while (1) { j++; if (j == 7) break; }
                    do { j--; } while (j > 3);
                    total = s * 100 + fib(10) + (j == 3 ? 1000 : 0) + (-5 >> 1) + (1 << 4) + (7 & 3) + (!0) + (~0 + 1);
                    BUG_ON(total != EXPECTED);
                }
                """;
        // 20 * 100 + 55 + 1000 + -3 + 16 + 3 + 1 + 0
        passes(prog.replace("EXPECTED", "3072"));
        assertEquals(SimFailure.Kind.BUG, fails(prog.replace("EXPECTED", "3071")).kind());
    }

    @Test
    void structsPointersArraysAndKmallocAreWordMemory() {
        String prog = """
                struct node { int key; struct node *next; int pad[3]; };
                struct node *head;
                int arr[5];
                task t cpu 0 {
                    for (int i = 0; i < 3; i++) {
                        struct node *n = kmalloc(sizeof(struct node), GFP_KERNEL);
                        n->key = i;
                        n->pad[2] = i * 10;
                        n->next = head;
                        head = n;
                    }
                    int sum = 0;
                    for (struct node *p = head; p; p = p->next)
                        sum += p->key + p->pad[2];
                    int *q = &arr[1];
                    *q = 4;
                    q[1] = 5;
                    BUG_ON(sizeof(struct node) != 5 || arr[1] + arr[2] != 9 || sum != CHECK);
                    struct node *first = head;
                    BUG_ON(container_of(&first->next, struct node, next) != first);
                }
                """;
        passes(prog.replace("CHECK", "33"));
        fails(prog.replace("CHECK", "34"));
    }

    @Test
    void useAfterFreeAndDoubleFreeAreTheMachines() {
        assertEquals(SimFailure.Kind.USE_AFTER_FREE, fails("""
                struct s { int a; };
                task t cpu 0 { struct s *p = kmalloc(1); kfree(p); int r = p->a; }
                """).kind());
        fails("task t cpu 0 { int *p = kmalloc(1); kfree(p); kfree(p); }");
    }

    @Test
    void finalClausesJudgeTaskLocalsAndGlobals() {
        String prog = """
                int x;
                task a cpu 0 { int r = 1; WRITE_ONCE(x, 2); }
                task b cpu 1 { int r = 5; }
                """;
        passes(prog + "forall (a:r = 1 /\\ b:r = 5 /\\ x = 2)\n");
        passes(prog + "~exists (a:r = 2 \\/ x != 2)\n");
        SimFailure f = fails(prog + "forall (b:r = 4)\n");
        assertEquals(SimFailure.Kind.ASSERTION, f.kind());
        assertTrue(f.getMessage().startsWith("final clause forall at t.scn:5:1 broken"), f.getMessage());
        ScenarioRun counted = run(prog + "exists (x = 2)\n", 1);
        assertTrue(counted.passed());
        assertEquals(1L, counted.counters().get("final: exists"));
    }

    @Test
    void locksCompletionsWaitQueuesTimersSoftirqsAndIpisRunOnTheKernel() {
        String prog = """
                DEFINE_SPINLOCK(lock);
                DEFINE_RAW_SPINLOCK(raw);
                DEFINE_MUTEX(mtx);
                DECLARE_COMPLETION(done);
                DECLARE_WAIT_QUEUE_HEAD(wq);
                int counter;
                int raw_counter;
                int mutex_counter;
                int fired;
                int softirqs;
                int ipis;
                void tick_fn(struct timer_list *t) { WRITE_ONCE(fired, 1); wake_up(&wq); }
                DEFINE_TIMER(tmr, tick_fn);
                void soft(int nr) { softirqs++; }
                void ipi(int info) { BUG_ON(smp_processor_id() != 1); ipis += info; }
                void add(void) {
                    int flags;
                    spin_lock_irqsave(&lock, flags);
                    counter++;
                    spin_unlock_irqrestore(&lock, flags);
                    raw_spin_lock(&raw);
                    raw_counter++;
                    raw_spin_unlock(&raw);
                    mutex_lock(&mtx);
                    mutex_counter++;
                    mutex_unlock(&mtx);
                }
                task a cpu 0 {
                    open_softirq(TASKLET_SOFTIRQ, soft);
                    for (int i = 0; i < 5; i++) add();
                    mod_timer(&tmr, jiffies + 2);
                    wait_event(wq, READ_ONCE(fired));
                    local_bh_disable();
                    raise_softirq(TASKLET_SOFTIRQ);
                    local_bh_enable();
                    BUG_ON(smp_call_function_single(1, ipi, 7, 1) != 0);
                    wait_for_completion(&done);
                    BUG_ON(READ_ONCE(counter) + READ_ONCE(raw_counter) * 100 + READ_ONCE(mutex_counter) * 10000 != 101010);
                    BUG_ON(softirqs != 1);
                    BUG_ON(ipis != 7);
                }
                task b cpu 1 {
                    for (int i = 0; i < 5; i++) add();
                    complete(&done);
                }
                """;
        passes(prog);
        fails(prog.replace("!= 101010", "!= 101011"));
    }

    @Test
    void hotplugFromATaskAndAnIrqHandlerInTheTick() {
        ScenarioRun r = ScenarioRun.run(ScenarioFiles.compile("t", "t.scn", """
                machine { cpus = 3; }
                int ticks;
                irq count_ticks cpu 2 { ticks++; }
                task busy cpu 2 { while (READ_ONCE(ticks) < 3) barrier(); }  // an idle CPU has no tick (NO_HZ)
                task ctl cpu 0 {
                    while (READ_ONCE(ticks) < 3) schedule_timeout_interruptible(1);
                    cpu_down(2);
                    BUG_ON(cpu_online(2) || num_online_cpus() != 2);
                    int before = READ_ONCE(ticks);
                    schedule_timeout_interruptible(5);
                    BUG_ON(READ_ONCE(ticks) != before);   // an offline CPU has no tick
                    cpu_up(2);
                    BUG_ON(!cpu_online(2));
                }
                """), 1, false);
        assertTrue(r.passed(), () -> r.result().describe());
    }

    @Test
    void callRcuRunsTheFilesCallbackAfterAGracePeriod() {
        String prog = """
                struct obj { int v; struct rcu_head rh; };
                int invoked;
                void cb(struct rcu_head *rh) { struct obj *o = container_of(rh, struct obj, rh); invoked += o->v; kfree(o); }
                task t cpu 0 {
                    for (int i = 1; i <= 4; i++) {
                        struct obj *o = kmalloc(sizeof(*o));
                        o->v = i;
                        call_rcu(&o->rh, cb);
                    }
                    BUG_ON(invoked != 0);     // no grace period has ended yet
                    rcu_barrier();
                    BUG_ON(invoked != SUM);
                    int c = get_state_synchronize_rcu();
                    synchronize_rcu();
                    BUG_ON(!poll_state_synchronize_rcu(c));
                }
                """;
        passes(prog.replace("SUM", "10"));
        fails(prog.replace("SUM", "11"));
    }

    @Test
    void theRunsOwnRandomnessComesFromTheSeedOnly() {
        String prog = "int r; task t cpu 0 { r = get_random_u32_below(1000000); BUG_ON(r == VALUE); }\n";
        ScenarioRun one = run(prog.replace("VALUE", "-1"), 7);
        ScenarioRun again = run(prog.replace("VALUE", "-1"), 7);
        assertEquals(one.result().steps(), again.result().steps());
        assertEquals(one.result().decisions().size(), again.result().decisions().size());
        ScenarioRun traced = ScenarioRun.run(ScenarioFiles.compile("t", "t.scn", HEADER + prog.replace("VALUE", "-1")), 7, true);
        ScenarioRun traced2 = ScenarioRun.run(ScenarioFiles.compile("t", "t.scn", HEADER + prog.replace("VALUE", "-1")), 7, true);
        assertEquals(traced.trace(), traced2.trace());
    }

    @Test
    void labelsAreNamedPointsThatChangeNothing() {
        passes("int x; task t cpu 0 { before: WRITE_ONCE(x, 1); after_store: BUG_ON(READ_ONCE(x) != 1); }\n");
    }

    /** The header's gp_seq_start puts the wrap within reach of a few grace periods. */
    @Test
    void gpSeqStartPutsTheWrapWithinReach() {
        String body = "task t cpu 0 { synchronize_rcu(); synchronize_rcu(); synchronize_rcu(); }\n";
        String wrap = rcusim.rcu.RcuCoverage.GP_SEQ_WRAP.text();
        ScenarioRun near = ScenarioRun.run(ScenarioFiles.compile("t", "t.scn",
                "machine { cpus = 2; gp_seq_start = 1; }\n" + body), 1, false);
        assertTrue(near.passed(), () -> near.result().describe());
        assertTrue(near.coverage().contains(wrap), near.coverage().toString());
        ScenarioRun far = run(body, 1);
        assertTrue(far.passed(), () -> far.result().describe());
        assertFalse(far.coverage().contains(wrap), far.coverage().toString());
    }
}
