package rcusim.machine.strand;

import java.util.concurrent.locks.LockSupport;

/**
 * The portable fallback: one platform daemon thread per strand, started on the first resume,
 * with a strict hand-off so that exactly one of the owner and the strand runs at a time. A
 * volatile turn word carries the hand-off (and the happens-before edge that publishes whatever
 * the other side wrote). The waiting side spins briefly and then parks with {@link LockSupport}:
 * about 0.4 us a switch when both threads have a core, tens of microseconds when a wait parks
 * (spins: system property {@code rcusim.strand.spins}, default 2000). So only for JVMs where
 * {@link ContinuationStrands} does not work.
 *
 * <p>{@link Strand#discard()} wakes the strand with a flag that makes its pending
 * {@link #park()} throw a private error; the body unwinds (running its finally blocks) and the
 * thread ends before discard returns, so no thread outlives its run.
 */
public final class ThreadStrands implements StrandFactory {
    private static final int OWNER = 0;
    private static final int BODY = 1;
    private static final int SPINS = Integer.getInteger("rcusim.strand.spins", 2000);

    @Override
    public Strand create(String name, Runnable body) {
        return new ThreadStrand(this, name, body);
    }

    @Override
    public void park() {
        if (Thread.currentThread() instanceof StrandThread t && t.strand.factory == this) {
            t.strand.parkBody();
            return;
        }
        throw new IllegalStateException("park() called outside a strand of this factory (on thread "
                + Thread.currentThread().getName() + ")");
    }

    @Override
    public String name() {
        return "thread";
    }

    @Override
    public String toString() {
        return "ThreadStrands";
    }

    /** Unwinds a discarded strand's body; never seen outside this class. */
    private static final class Discarded extends Error {
        private static final long serialVersionUID = 1L;

        Discarded() {
            super("strand discarded", null, false, false);
        }
    }

    private static final class StrandThread extends Thread {
        final ThreadStrand strand;

        StrandThread(ThreadStrand strand) {
            super(null, null, "rcusim-strand-" + strand.name, 0, false);
            this.strand = strand;
            setDaemon(true);
        }

        @Override
        public void run() {
            strand.runBody();
        }
    }

    private static final class ThreadStrand implements Strand {
        final ThreadStrands factory;
        final String name;
        private final Runnable body;

        // Hand-off state: written by one side before it passes the turn, read by the other after.
        private volatile int turn = OWNER;
        private volatile Thread owner;
        private volatile boolean discarding;
        private boolean finished;
        private Throwable failure;

        // Owner-only state.
        private StrandThread thread;
        private boolean running;
        private boolean discarded;
        private boolean failureReported;

        ThreadStrand(ThreadStrands factory, String name, Runnable body) {
            this.factory = factory;
            this.name = name;
            this.body = body;
        }

        @Override
        public boolean resume() {
            if (discarded) {
                throw new IllegalStateException("strand '" + name + "' was discarded");
            }
            if (running || Thread.currentThread() == thread) {
                throw new IllegalStateException("strand '" + name + "' resumed re-entrantly");
            }
            if (isDone()) {
                throw new IllegalStateException("strand '" + name + "' has already finished");
            }
            running = true;
            try {
                switchToBody();
            } finally {
                running = false;
            }
            if (failure != null && !failureReported) {
                failureReported = true;
                throw new StrandFailure(name, failure);
            }
            return finished;
        }

        @Override
        public boolean isDone() {
            return finished || failure != null;
        }

        @Override
        public void discard() {
            if (discarded || isDone()) {
                return;
            }
            if (running || Thread.currentThread() == thread) {
                throw new IllegalStateException("strand '" + name + "' cannot discard itself");
            }
            discarded = true;
            if (thread == null) {
                return; // never started: there is no thread to stop
            }
            discarding = true;
            switchToBody();
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Owner side: hand the turn to the body and wait until it hands it back. */
        private void switchToBody() {
            owner = Thread.currentThread();
            if (thread == null) {
                thread = new StrandThread(this);
                turn = BODY;
                thread.start();
            } else {
                turn = BODY;
                LockSupport.unpark(thread);
            }
            await(OWNER);
        }

        /** Spins briefly (the other side often answers within microseconds), then parks. */
        private void await(int side) {
            for (int i = 0; i < SPINS; i++) {
                if (turn == side) {
                    return;
                }
                Thread.onSpinWait();
            }
            while (turn != side) {
                LockSupport.park(this);
            }
        }

        /** Body side, from {@link ThreadStrands#park()}. */
        void parkBody() {
            turn = OWNER;
            LockSupport.unpark(owner);
            await(BODY);
            if (discarding) {
                throw new Discarded();
            }
        }

        void runBody() {
            try {
                if (!discarding) {
                    body.run();
                    finished = true;
                }
            } catch (Discarded d) {
                // unwound on purpose
            } catch (Throwable t) {
                if (!discarding) {
                    failure = t;
                }
            } finally {
                turn = OWNER;
                LockSupport.unpark(owner);
            }
        }

        @Override
        public String toString() {
            return "strand '" + name + "'";
        }
    }
}
