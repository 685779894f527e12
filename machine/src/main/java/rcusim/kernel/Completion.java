package rcusim.kernel;


/** A completion: complete() lets one wait_for_completion() through, complete_all() all of them. */
public final class Completion {
    private final WaitQueue wait;
    /** The count: Java state the waiters read and take on any CPU, reported as the wait queue's. */
    private long done;

    /** A completion made during the run (its uses are GLOBAL); before the run prefer {@link #Completion(Kernel, String)}. */
    public Completion(String name) {
        this.wait = new WaitQueue(name);
    }

    /** A completion made before the run, whose count and waiters are a shared state of their own. */
    public Completion(Kernel k, String name) {
        this.wait = new WaitQueue(k, name);
    }

    /**
     * complete(). The kernel's completion takes its wait-queue lock on both sides, so what the
     * completer did before is visible to the waiter after: a full barrier on each side here.
     * done is a Java field a waiter may see the moment it changes, before the wake-up, so the
     * completer publishes to the queue's waiters before counting.
     */
    public void complete(Kernel k) {
        k.smpMb();
        wait.publish(k);
        k.sharedKernelStep("complete"); // after the barrier only the data-race detector's release
        if (done != Long.MAX_VALUE) {
            done++;
        }
        wait.wakeUp(k);
    }

    public void completeAll(Kernel k) {
        k.smpMb();
        wait.publish(k);
        k.sharedKernelStep("complete_all");
        done = Long.MAX_VALUE;
        wait.wakeUp(k);
    }

    public void waitForCompletion(Kernel k) {
        wait.waitEvent(k, () -> completionDone(k));
        if (done != Long.MAX_VALUE) {
            done--;
            wait.written(k);
        }
        k.smpMb();
    }

    /** wait_for_completion_timeout(): jiffies left, or 0 on timeout. */
    public long waitForCompletionTimeout(Kernel k, long timeout) {
        long left = wait.waitEventTimeout(k, () -> completionDone(k), timeout);
        if (left > 0 && done != Long.MAX_VALUE) {
            done--;
            wait.written(k);
        }
        k.smpMb();
        return left;
    }

    /** completion_done(); also the waiters' condition, so it reports its read. */
    public boolean completionDone(Kernel k) {
        wait.read(k);
        return done > 0;
    }

    public void reinit(Kernel k) {
        done = 0;
        wait.written(k);
    }
}
