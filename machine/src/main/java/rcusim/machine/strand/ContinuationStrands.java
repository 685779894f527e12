package rcusim.machine.strand;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * Strands on {@code jdk.internal.vm.Continuation}: a resume mounts the body's frames on the
 * owner's stack, a park copies them off again. No threads, no locks; about 100 ns a switch.
 *
 * <p>Needs {@code --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED} at compile and run time
 * (the launcher and the jar manifest pass it). A strand cannot park while it is pinned: inside a
 * native frame, a critical section, and before JDK 24 also while holding a Java monitor
 * ({@code synchronized}); that fails with an {@link IllegalStateException} naming the strand.
 */
public final class ContinuationStrands implements StrandFactory {
    private final ContinuationScope scope = new ContinuationScope("rcusim-strands");

    @Override
    public Strand create(String name, Runnable body) {
        return new ContStrand(new Cont(scope, name, body));
    }

    @Override
    public void park() {
        if (Continuation.getCurrentContinuation(scope) == null) {
            throw new IllegalStateException("park() called outside a strand of this factory (on thread "
                    + Thread.currentThread().getName() + ")");
        }
        Continuation.yield(scope);
    }

    @Override
    public String name() {
        return "continuation";
    }

    @Override
    public String toString() {
        return "ContinuationStrands";
    }

    /** True if continuations are accessible and a tiny one runs, parks and finishes here. */
    public static boolean isAvailable() {
        return Probe.REASON == null;
    }

    /** Why {@link #isAvailable()} is false, or null when it is true. */
    public static String unavailableReason() {
        return Probe.REASON;
    }

    /** Runs once per JVM, on first use. */
    private static final class Probe {
        static final String REASON = probe();

        private static String probe() {
            try {
                ContinuationStrands f = new ContinuationStrands();
                int[] steps = new int[1];
                Strand s = f.create("probe", () -> {
                    steps[0]++;
                    f.park();
                    steps[0]++;
                });
                boolean first = s.resume();
                boolean second = s.resume();
                if (first || !second || steps[0] != 2 || !s.isDone()) {
                    return "a test continuation did not park and finish as expected";
                }
                return null;
            } catch (IllegalAccessError e) {
                return "jdk.internal.vm is not exported to rcusim (run java with "
                        + "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED): " + e.getMessage();
            } catch (LinkageError | RuntimeException e) {
                return e.toString();
            }
        }
    }

    private static final class Cont extends Continuation {
        final String name;

        Cont(ContinuationScope scope, String name, Runnable body) {
            super(scope, body);
            this.name = name;
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new IllegalStateException("strand '" + name + "' cannot park: it is pinned (" + reason
                    + "); simulated code must not park inside synchronized blocks (before JDK 24), "
                    + "native frames or critical sections");
        }
    }

    private static final class ContStrand implements Strand {
        private Cont cont;          // null once discarded
        private final String name;
        private boolean running;
        private boolean failed;

        ContStrand(Cont cont) {
            this.cont = cont;
            this.name = cont.name;
        }

        @Override
        public boolean resume() {
            Cont c = cont;
            if (c == null) {
                throw new IllegalStateException("strand '" + name + "' was discarded");
            }
            if (running) {
                throw new IllegalStateException("strand '" + name + "' resumed re-entrantly");
            }
            if (failed || c.isDone()) {
                throw new IllegalStateException("strand '" + name + "' has already finished");
            }
            running = true;
            try {
                c.run();
            } catch (Throwable t) {
                failed = true;
                throw new StrandFailure(name, t);
            } finally {
                running = false;
            }
            return c.isDone();
        }

        @Override
        public boolean isDone() {
            Cont c = cont;
            return failed || (c != null && c.isDone());
        }

        @Override
        public void discard() {
            if (running) {
                throw new IllegalStateException("strand '" + name + "' cannot discard itself");
            }
            if (isDone()) {
                return;
            }
            // An unmounted continuation is just heap objects (its stack chunks); dropping the
            // reference frees them. Its finally blocks never run, like a CPU that is switched off.
            cont = null;
        }

        @Override
        public String toString() {
            return "strand '" + name + "'";
        }
    }
}
