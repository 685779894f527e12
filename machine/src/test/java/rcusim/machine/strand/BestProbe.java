package rcusim.machine.strand;

/** Run in a child JVM by {@link StrandFactoryTest}: prints what best() picks and why. */
public final class BestProbe {
    private BestProbe() {
    }

    public static void main(String[] args) {
        try {
            StrandFactory f = StrandFactory.best();
            String reason = ContinuationStrands.unavailableReason();
            System.out.println(f.name() + "|" + (reason == null ? "" : reason));
        } catch (RuntimeException e) {
            System.out.println("error|" + e.getMessage());
        }
    }
}
