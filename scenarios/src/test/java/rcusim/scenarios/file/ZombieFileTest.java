package rcusim.scenarios.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import rcusim.machine.SimFailure;
import rcusim.sched.scenario.ScenarioRun;

/**
 * alloc_reuse and ptr_eq() in scenario files: task a keeps the pointer it allocated while task
 * b frees the object and allocates again; what a does with its old pointer is then judged.
 */
class ZombieFileTest {
    private static final String PROGRAM = """
            struct s { int a; };
            struct s *head;
            int published;
            int recycled;
            task a cpu 0 {
                struct s *p = kmalloc(sizeof(struct s));
                rcu_assign_pointer(head, p);
                smp_store_release(&published, 1);
                while (!smp_load_acquire(&recycled))
                    ;
                USE;
            }
            task b cpu 1 {
                while (!smp_load_acquire(&published))
                    ;
                struct s *o = READ_ONCE(head);
                kfree(o);
                struct s *n = kmalloc(sizeof(struct s));
                WRITE_ONCE(head, n);
                smp_store_release(&recycled, 1);
            }
            """;

    private static ScenarioRun run(String reuse, String use) {
        String header = "machine { cpus = 2; stall_timeout = 500;" + (reuse == null ? "" : " alloc_reuse = " + reuse + ";") + " }\n";
        return ScenarioRun.run(ScenarioFiles.compile("t", "t.scn", header + PROGRAM.replace("USE", use)), 1, false);
    }

    @Test
    void underLifoReuseAStaleDereferenceAndAStaleCompareAreZombies() {
        ScenarioRun deref = run("lifo", "int r = p->a");
        assertEquals(SimFailure.Kind.ZOMBIE_POINTER, deref.result().failure().kind(), deref.result().describe());
        assertTrue(deref.result().describe().contains("loaded: kmalloc by CPU 0 (a)"), deref.result().describe());
        ScenarioRun compare = run("lifo", "BUG_ON(ptr_eq(p, NULL))");
        assertEquals(SimFailure.Kind.ZOMBIE_POINTER, compare.result().failure().kind(), compare.result().describe());
        assertTrue(compare.result().describe().contains("zombie pointer: ptr_eq compared"), compare.result().describe());
        ScenarioRun fresh = run("lifo", "struct s *q = READ_ONCE(head); BUG_ON(!ptr_eq(p, q)); int r = q->a");
        assertTrue(fresh.passed(), "the same address, reloaded: " + fresh.result().describe());
    }

    @Test
    void withoutReuseTheDereferenceIsAUseAfterFreeAndTheCompareIsNotJudged() {
        for (String reuse : new String[] {null, "none"}) {
            ScenarioRun deref = run(reuse, "int r = p->a");
            assertEquals(SimFailure.Kind.USE_AFTER_FREE, deref.result().failure().kind(), deref.result().describe());
            assertTrue(run(reuse, "BUG_ON(ptr_eq(p, NULL))").passed());
        }
    }

    @Test
    void badValuesAreErrorsAtTheirPosition() {
        ScenarioFileException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioFileException.class,
                () -> ScenarioFiles.compile("t", "t.scn", "machine { alloc_reuse = fifo; }\ntask t cpu 0 { }\n"));
        assertTrue(e.getMessage().contains("t.scn:1:") && e.getMessage().contains("alloc_reuse takes none, lifo; got 'fifo'"),
                e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioFileException.class,
                () -> ScenarioFiles.compile("t", "t.scn", "int x;\ntask t cpu 0 { int r = ptr_eq(x, 1); }\n"));
        assertTrue(e.getMessage().contains("ptr_eq() compares two pointers"), e.getMessage());
    }
}
