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
    /** Continuations whose body ended, kept for the next strand (see {@link Cont}). */
    private final java.util.ArrayDeque<Cont> idle = new java.util.ArrayDeque<>();

    @Override
    public Strand create(String name, Runnable body) {
        Cont c = idle.poll();
        if (c == null) {
            c = new Cont(scope);
        }
        c.start(name, body);
        return new ContStrand(c, name);
    }

    @Override
    public void park() {
        try {
            Continuation.yield(scope);
        } catch (IllegalStateException e) {
            // yield() walks the continuation chain itself; look again only to say why it failed
            if (Continuation.getCurrentContinuation(scope) == null) {
                throw new IllegalStateException("park() called outside a strand of this factory (on thread "
                        + Thread.currentThread().getName() + ")");
            }
            throw e;
        }
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

    /**
     * A continuation that runs one body after another: when a body ends it parks, idle, until
     * {@link #start} gives it the next. A fresh continuation allocates a new stack chunk at its
     * first park; a machine makes one context per interrupt and per preemption (thousands per
     * run), and those chunks were 40% of a campaign's allocation, memory traffic that two
     * workers share badly. An idle continuation keeps its chunk for the next body.
     */
    private static final class Cont extends Continuation {
        private final Loop loop;

        Cont(ContinuationScope scope) {
            this(scope, new Loop(scope));
        }

        private Cont(ContinuationScope scope, Loop loop) {
            super(scope, loop);
            this.loop = loop;
        }

        void start(String name, Runnable body) {
            loop.name = name;
            loop.body = body;
            loop.ended = false;
            loop.failure = null;
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new IllegalStateException("strand '" + loop.name + "' cannot park: it is pinned (" + reason
                    + "); simulated code must not park inside synchronized blocks (before JDK 24), "
                    + "native frames or critical sections");
        }
    }

    /** The body of a pooled continuation: each given body in turn, parking between them. */
    private static final class Loop implements Runnable {
        private final ContinuationScope scope;
        String name;
        Runnable body;
        boolean ended;
        Throwable failure;

        Loop(ContinuationScope scope) {
            this.scope = scope;
        }

        @Override
        public void run() {
            while (true) {
                Runnable b = body;
                body = null;
                try {
                    b.run();
                } catch (Throwable t) {
                    failure = t;
                }
                ended = true;
                Continuation.yield(scope);
            }
        }
    }

    private final class ContStrand implements Strand {
        private Cont cont;          // null once done or discarded
        private final String name;
        private boolean running;
        private boolean done;

        ContStrand(Cont cont, String name) {
            this.cont = cont;
            this.name = name;
        }

        @Override
        public boolean resume() {
            Cont c = cont;
            if (done) {
                throw new IllegalStateException("strand '" + name + "' has already finished");
            }
            if (c == null) {
                throw new IllegalStateException("strand '" + name + "' was discarded");
            }
            if (running) {
                throw new IllegalStateException("strand '" + name + "' resumed re-entrantly");
            }
            running = true;
            try {
                c.run();
            } finally {
                running = false;
            }
            if (!c.loop.ended) {
                return false;
            }
            Throwable failure = c.loop.failure;
            done = true;
            cont = null;
            if (failure != null) {
                // not reused: a body that threw (a StackOverflowError, say) may leave it in any state
                throw new StrandFailure(name, failure);
            }
            idle.push(c);
            return true;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public void discard() {
            if (running) {
                throw new IllegalStateException("strand '" + name + "' cannot discard itself");
            }
            // A parked continuation is just heap objects (its stack chunks); dropping the
            // reference frees them. Its finally blocks never run, like a CPU that is switched off.
            cont = null;
        }

        @Override
        public String toString() {
            return "strand '" + name + "'";
        }
    }
}
