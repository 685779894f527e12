package rcusim.kernel;


/** A completion: complete() lets one wait_for_completion() through, complete_all() all of them. */
public final class Completion {
    private final WaitQueue wait;
    private long done;

    public Completion(String name) {
        this.wait = new WaitQueue(name);
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
        k.kernelStep("complete");
        if (done != Long.MAX_VALUE) {
            done++;
        }
        wait.wakeUp(k);
    }

    public void completeAll(Kernel k) {
        k.smpMb();
        wait.publish(k);
        k.kernelStep("complete_all");
        done = Long.MAX_VALUE;
        wait.wakeUp(k);
    }

    public void waitForCompletion(Kernel k) {
        wait.waitEvent(k, () -> done > 0);
        if (done != Long.MAX_VALUE) {
            done--;
        }
        k.smpMb();
    }

    /** wait_for_completion_timeout(): jiffies left, or 0 on timeout. */
    public long waitForCompletionTimeout(Kernel k, long timeout) {
        long left = wait.waitEventTimeout(k, () -> done > 0, timeout);
        if (left > 0 && done != Long.MAX_VALUE) {
            done--;
        }
        k.smpMb();
        return left;
    }

    public boolean completionDone() {
        return done > 0;
    }

    public void reinit() {
        done = 0;
    }
}
