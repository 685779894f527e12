package rcusim.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.machine.RunResult;
import rcusim.machine.memory.Address;
import rcusim.machine.memory.MemoryModel;

/** The context-tracking counter RCU samples: odd while it watches a CPU, even in idle or user mode. */
class ContextTrackingTest {

    @Test
    void counterParityFollowsIdleUserAndIrqs() {
        Simulation m = Runs.kernel(2, MemoryModel.WEAK);
        Kernel k0 = m.kernel();
        List<String> seen = new ArrayList<>();
        m.setHooks(new KernelHooks() {
            @Override
            public void schedClockIrq(Kernel k, boolean user) {
                long v = m.memory().latestValue(Address.locationOf(k.ctCounterAddr(k.smpProcessorId())));
                seen.add((user ? "user" : k.interruptedIdle() ? "idle" : "kernel") + ((v & 1) == 1 ? ":watching" : ":not"));
            }

            @Override
            public void eqsEnter(Kernel k, boolean user) {
                seen.add("eqs-enter " + (user ? "user" : "idle"));
            }
        });
        long flag = k0.alloc(1);
        m.spawnUnbound(0, "user", Task.Kind.USER, k -> {
            k.enterUser();
            k.userWork(4000);
            k.exitUser();
            k.writeOnce(flag, 1);
        });
        m.spawn(1, "waiter", k -> {
            k.smpCondLoadAcquire(flag, v -> v == 1);
        });
        RunResult r = m.run(Runs.prefer(rcusim.machine.decide.OptionKind.INTERRUPT, 3));
        assertTrue(r.passed(), r::describe);
        assertTrue(seen.contains("user:watching"), "a tick from user mode must see RCU watching (irq entry): " + seen);
        assertTrue(seen.contains("eqs-enter user"), seen.toString());
        assertTrue(seen.stream().noneMatch(s -> s.endsWith(":not")), "RCU not watching in an irq: " + seen);
        long v0 = m.memory().latestValue(Address.locationOf(k0.ctCounterAddr(0)));
        assertTrue(v0 >= 3, "CPU 0's counter moved only to " + v0);
    }
}
