package rcusim.explore;

import rcusim.machine.SimFailure;

/**
 * A failure's signature: its kind and the first line of its message with every number
 * replaced by N, so the same bug found at different decisions, CPUs or addresses has one
 * signature.
 */
public final class Signatures {
    private Signatures() {
    }

    public static String of(SimFailure f) {
        String msg = f.getMessage() == null ? "" : f.getMessage();
        int nl = msg.indexOf('\n');
        String first = nl < 0 ? msg : msg.substring(0, nl);
        return f.kind() + ": " + first.replaceAll("-?\\d+", "N").trim();
    }
}
