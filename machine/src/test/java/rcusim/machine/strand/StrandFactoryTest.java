package rcusim.machine.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.internal.vm.Continuation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StrandFactoryTest {
    private final String saved = System.getProperty(StrandFactory.PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (saved == null) {
            System.clearProperty(StrandFactory.PROPERTY);
        } else {
            System.setProperty(StrandFactory.PROPERTY, saved);
        }
    }

    @Test
    void bestPicksContinuationsWhenTheExportIsPresent() {
        System.clearProperty(StrandFactory.PROPERTY);
        assertNull(ContinuationStrands.unavailableReason());
        assertTrue(ContinuationStrands.isAvailable());
        StrandFactory f = StrandFactory.best();
        assertInstanceOf(ContinuationStrands.class, f);
        assertEquals("continuation", f.name());
    }

    @Test
    void systemPropertyOverridesTheChoice() {
        System.setProperty(StrandFactory.PROPERTY, "thread");
        assertInstanceOf(ThreadStrands.class, StrandFactory.best());
        System.setProperty(StrandFactory.PROPERTY, "continuation");
        assertInstanceOf(ContinuationStrands.class, StrandFactory.best());
        System.setProperty(StrandFactory.PROPERTY, "fibers");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, StrandFactory::best);
        assertTrue(e.getMessage().contains("fibers"), e.getMessage());
    }

    @Test
    void eachCallGivesAFreshFactory() {
        System.clearProperty(StrandFactory.PROPERTY);
        assertTrue(StrandFactory.best() != StrandFactory.best());
    }

    @Test
    void aPinnedContinuationFailsNamingTheStrand() {
        ContinuationStrands f = new ContinuationStrands();
        Strand s = f.create("pinned-one", () -> {
            Continuation.pin();
            try {
                f.park();
            } finally {
                Continuation.unpin();
            }
        });
        StrandFailure e = assertThrows(StrandFailure.class, s::resume);
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(cause.getMessage().contains("pinned-one"), cause.getMessage());
        assertTrue(cause.getMessage().contains("pinned"), cause.getMessage());
    }

    /** Without the export, a fresh JVM falls back to threads, and forcing continuations says why. */
    @Test
    void fallsBackToThreadsWithoutTheExport() throws Exception {
        String auto = runProbe();
        assertTrue(auto.startsWith("thread|jdk.internal.vm is not exported"), auto);
        String forced = runProbe("-D" + StrandFactory.PROPERTY + "=continuation");
        assertTrue(forced.startsWith("error|"), forced);
        assertTrue(forced.contains("--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED"), forced);
    }

    private static String runProbe(String... jvmArgs) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BestProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
