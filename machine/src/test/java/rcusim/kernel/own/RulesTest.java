package rcusim.kernel.own;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTest {
    private final Object lock = new Object();
    private final Object otherLock = new Object();

    @Test
    void lockHeldAllowsOnlyTheHolderOfThatInstance() {
        Rule r = Rules.lockHeld(lock, "rcu_node[0].lock");
        assertEquals("rcu_node[0].lock held", r.text());
        assertTrue(r.allows(new FakeContext(0).holding(lock, "rcu_node_0")));
        assertFalse(r.allows(new FakeContext(0)));
        assertFalse(r.allows(new FakeContext(0).holding(otherLock, "rcu_node_1")));
    }

    @Test
    void ownCpuPreemptOffNeedsTheCpuAndPinning() {
        Rule r = Rules.ownCpuPreemptOff(3);
        assertEquals("only CPU 3 with preemption disabled", r.text());
        assertTrue(r.allows(new FakeContext(3).preemptOff()));
        assertTrue(r.allows(new FakeContext(3).irqsOff()), "irqs off also pins the task");
        assertFalse(r.allows(new FakeContext(3)), "preemptible code may migrate");
        assertFalse(r.allows(new FakeContext(1).preemptOff()), "another CPU");
    }

    @Test
    void ownCpuIrqsOffNeedsIrqsOff() {
        Rule r = Rules.ownCpuIrqsOff(2);
        assertEquals("only CPU 2 with irqs disabled", r.text());
        assertTrue(r.allows(new FakeContext(2).irqsOff()));
        assertFalse(r.allows(new FakeContext(2).preemptOff()), "preempt off does not keep interrupts out");
        assertFalse(r.allows(new FakeContext(1).irqsOff()));
    }

    @Test
    void orchestratingOfflineOfAllowsOnlyThatCpusHotplugTask() {
        Rule r = Rules.orchestratingOfflineOf(3);
        assertEquals("the hotplug task taking CPU 3 down or up", r.text());
        FakeContext ctx = new FakeContext(0);
        assertFalse(r.allows(ctx));
        ctx.offlining = 3;
        assertTrue(r.allows(ctx));
        ctx.offlining = 2;
        assertFalse(r.allows(ctx));
    }

    @Test
    void whenFollowsItsConditionAtEachCall() {
        long[] qsmask = {1};
        Rule r = Rules.when("every qsmask zero", () -> qsmask[0] == 0);
        assertEquals("every qsmask zero", r.text());
        assertFalse(r.allows(new FakeContext(0)));
        qsmask[0] = 0;
        assertTrue(r.allows(new FakeContext(0)));
    }

    @Test
    void anyoneAllowsEverything() {
        assertTrue(Rules.anyone().allows(new FakeContext(5)));
        assertEquals("anyone", Rules.anyone().text());
        assertSame(Rules.anyone(), Rules.anyone());
    }

    @Test
    void anyOfAllowsWhenOnePartAllows() {
        Rule r = Rules.anyOf(Rules.ownCpuPreemptOff(3), Rules.orchestratingOfflineOf(3));
        assertEquals("only CPU 3 with preemption disabled or the hotplug task taking CPU 3 down or up", r.text());
        assertTrue(r.allows(new FakeContext(3).preemptOff()));
        FakeContext hotplug = new FakeContext(0);
        hotplug.offlining = 3;
        assertTrue(r.allows(hotplug));
        assertFalse(r.allows(new FakeContext(0)));
    }

    @Test
    void allOfAllowsWhenEveryPartAllows() {
        boolean[] zero = {true};
        Rule r = Rules.allOf(Rules.lockHeld(lock, "the root rcu_node lock"), Rules.when("every qsmask zero", () -> zero[0]));
        assertEquals("the root rcu_node lock held and every qsmask zero", r.text());
        assertTrue(r.allows(new FakeContext(0).holding(lock, "root")));
        assertFalse(r.allows(new FakeContext(0)));
        zero[0] = false;
        assertFalse(r.allows(new FakeContext(0).holding(lock, "root")));
    }

    @Test
    void nestedCompositesOfTheOtherKindAreParenthesised() {
        Rule a = Rules.when("a", () -> true);
        Rule b = Rules.when("b", () -> true);
        Rule c = Rules.when("c", () -> true);
        assertEquals("a or (b and c)", Rules.anyOf(a, Rules.allOf(b, c)).text());
        assertEquals("(a or b) and c", Rules.allOf(Rules.anyOf(a, b), c).text());
        assertEquals("a and b and c", Rules.allOf(Rules.allOf(a, b), c).text());
    }

    @Test
    void compositesOfOneAreThatRuleAndOfNoneAreRejected() {
        Rule a = Rules.ownCpuIrqsOff(0);
        assertSame(a, Rules.anyOf(a));
        assertSame(a, Rules.allOf(a));
        assertThrows(IllegalArgumentException.class, Rules::anyOf);
        assertThrows(IllegalArgumentException.class, Rules::allOf);
    }

    @Test
    void explainDenialNamesTheFailedParts() {
        boolean[] zero = {false};
        Rule gpSeq = Rules.allOf(Rules.lockHeld(lock, "the root rcu_node lock"),
                Rules.when("every qsmask zero", () -> zero[0]),
                Rules.when("every gp_tasks NULL", () -> true));
        List<String> failed = new ArrayList<>();
        gpSeq.explainDenial(new FakeContext(0).holding(lock, "root"), failed);
        assertEquals(List.of("every qsmask zero"), failed);

        Rule either = Rules.anyOf(Rules.ownCpuPreemptOff(1), gpSeq);
        failed.clear();
        either.explainDenial(new FakeContext(0), failed);
        assertEquals(List.of("only CPU 1 with preemption disabled", "the root rcu_node lock held", "every qsmask zero"),
                failed);

        failed.clear();
        either.explainDenial(new FakeContext(1).preemptOff(), failed);
        assertEquals(List.of(), failed, "an allowed anyOf explains nothing");
    }
}
