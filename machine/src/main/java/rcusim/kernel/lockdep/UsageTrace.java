package rcusim.kernel.lockdep;

/**
 * Where a lock class first gained a usage bit (the kernel's usage_traces[]): the caller's site
 * and the context that was running.
 */
record UsageTrace(String site, String owner) {
    String line(String indent) {
        return indent + site + " (" + owner + ")\n";
    }
}
